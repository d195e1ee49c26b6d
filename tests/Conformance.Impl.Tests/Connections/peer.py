# A CPython peer for ConnectionPeerTests: real multiprocessing.connection against this library's Listener/Client.
# argv: role (server|client|raw-server|raw-client), address ('unix:/path' or 'tcp:host:port'), authkey hex ('-' = none),
# and for the raw roles a scenario name. It prints one line per event; errors as 'ERROR <type>: <message>'.
import os, socket, struct, sys
from multiprocessing.connection import Client, Listener

role, where, key = sys.argv[1], sys.argv[2], sys.argv[3]
authkey = None if key == '-' else bytes.fromhex(key)
kind, _, rest = where.partition(':')
if kind == 'unix':
    address, family = rest, socket.AF_UNIX
else:
    host, _, port = rest.rpartition(':')
    address, family = (host, int(port)), socket.AF_INET

def out(*parts):
    print(*parts, flush=True)

SHARED = [1, 2]
FROM_PYTHON = {
    'ints': [0, 255, 256, 65535, 65536, -1, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**63, 2**64, -2**100],
    'str': 'h\u00e9llo \u20ac' * 60,
    'tuple': (1, (2, 3), (), ('a',), (None, True, False, 1.5)),
    'bytes': bytes(range(256)) * 2,
    'short': b'\x00\x01',
    'float': 0.1,
    'set': {7},
    'frozen': frozenset({8}),
    'nested': [[[]], {}],
    'shared': (SHARED, SHARED),
}

def converse(c):
    out('PY', sys.version_info[0], sys.version_info[1])
    while True:
        obj = c.recv()
        if obj == 'stop':
            break
        c.send(('echo', obj, repr(obj)))
    c.send(FROM_PYTHON)
    c.send_bytes(b'raw-' + bytes([0, 255]))
    out('DONE')

try:
    if role == 'server':
        with Listener(address, authkey=authkey) as l:
            out('ADDRESS', l.address)
            with l.accept() as c:
                out('ACCEPTED')
                converse(c)
    elif role == 'client':
        with Client(address, authkey=authkey) as c:
            out('CONNECTED')
            converse(c)
    elif role == 'raw-client':
        scenario = sys.argv[4]
        s = socket.socket(family)
        s.connect(address)
        if scenario == 'huge-length':
            first = s.recv(256)  # the challenge
            out('GOT', len(first))
            s.sendall(struct.pack('!i', 2**31 - 1))
            s.recv(1)  # until the server gives up and closes
        elif scenario == 'garbage-response':
            s.recv(256)
            garbage = b'\x07garbage-bytes-not-a-digest!!'
            s.sendall(struct.pack('!i', len(garbage)) + garbage)
            n = struct.unpack('!i', s.recv(4))[0]
            out('REPLY', s.recv(n))
        elif scenario == 'huge-message':
            s.sendall(struct.pack('!i', 2**31 - 1) + b'abc')
        s.close()
        out('CLOSED')
    elif role == 'raw-server':
        scenario = sys.argv[4]
        ls = socket.socket(family)
        ls.bind(address)
        ls.listen(1)
        out('ADDRESS', ls.getsockname())
        s, _ = ls.accept()
        if scenario == 'not-a-challenge':
            hello = b'#HELLO# not for you'
            s.sendall(struct.pack('!i', len(hello)) + hello)
        elif scenario == 'huge-length':
            s.sendall(struct.pack('!i', 2**31 - 1))
        s.recv(1)  # until the client gives up
        s.close()
        ls.close()
        out('CLOSED')
except Exception as e:
    out('ERROR %s: %s' % (type(e).__name__, e))
    sys.exit(1)
