"""The scenario's user functions and classes, as attributes of a real module.

Everything a scenario defines under ``functions`` and ``classes`` becomes a module-level attribute of this module,
created on first access from the scenario document named by ``CONFORMANCE_SCENARIO`` (module ``__getattr__``,
PEP 562) and then cached in the module's globals. That makes them pickle *by reference*, exactly like the functions
and classes of a real program's main module: ``pickle`` stores ``conformance_user.worker`` and a spawned child,
which imports this module through the ``sys.path`` that spawn's preparation data carries, rebuilds the very same
definition from the same document. Instances of user classes therefore pickle like any plain Python object
(class by reference, ``__dict__`` by value), and a ``base: Process`` class is a genuine
``multiprocessing.Process`` subclass with the scenario's class name.
"""


def __getattr__(name):
    if name.startswith('__'):
        raise AttributeError(name)
    import conformance_runner
    value = conformance_runner.make_user_definition(name)
    if value is None:
        raise AttributeError(f"module 'conformance_user' has no attribute {name!r}")
    globals()[name] = value
    return value
