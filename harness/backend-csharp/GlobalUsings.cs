// The value model (repr, str, equality, hashing, error texts) is impl's (impl/Python): every file here speaks it.
global using Multiprocessing.Python;
