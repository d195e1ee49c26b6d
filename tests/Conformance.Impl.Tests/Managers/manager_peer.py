# A CPython peer for ManagerInteropTests: real multiprocessing.managers against this library's manager.
# argv: role (client|server), address ('unix:/path' or 'tcp:host:port', port 0 for a server to choose), authkey hex.
# It prints one line per result; an error as 'ERROR <type>: <message>'.
import multiprocessing, sys, threading, time
from multiprocessing.managers import SyncManager, DictProxy, RemoteError

role, where, key = sys.argv[1], sys.argv[2], sys.argv[3]
authkey = bytes.fromhex(key)
# A proxy inside a value (l[2] below) is rebuilt with current_process().authkey, as CPython's RebuildProxy does.
multiprocessing.current_process().authkey = authkey
kind, _, rest = where.partition(':')
if kind == 'unix':
    address = rest
else:
    host, _, port = rest.rpartition(':')
    address = (host, int(port))

def out(*parts):
    print(*parts, flush=True)

SHARED = {}

def get_shared():
    return SHARED

class Peer(SyncManager):
    pass

Peer.register('get_shared', callable=get_shared, proxytype=DictProxy)

try:
    out('PY', sys.version_info[0], sys.version_info[1])
    if role == 'client':
        m = Peer(address=address, authkey=authkey)
        m.connect()
        d = m.dict()
        d['a'] = 1
        d[2] = [1, 'x', (3.5, None), b'\x00\xff', {3}, 2**70, -5]
        out('DICT', repr(d.copy()))
        out('STR', str(d))
        out('KEYS', d.keys(), len(d), 'a' in d, d.get('zz', 'dflt'), list(d), [k for k in d])
        try:
            d['missing']
        except KeyError as e:
            out('KEYERROR', repr(e))
        l = m.list([1, 2])
        l.append(d)
        inner = l[2]
        out('LIST', len(l), type(inner).__name__, inner['a'])
        ns = m.Namespace()
        ns.x = 5
        out('NS', ns.x, str(ns))
        try:
            ns.missing
        except AttributeError as e:
            out('ATTR', str(e))
        q = m.Queue()
        q.put('item')
        q.put(('t', 1))
        out('QUEUE', q.get(timeout=5), q.get(timeout=5), q.qsize())
        try:
            q.get(timeout=0.05)
        except Exception as e:
            out('EMPTY', type(e).__name__)
        try:
            d._callmethod('no_such_method')
        except RemoteError as e:
            lines = str(e).strip('\n-').strip().splitlines()
            out('REMOTE', lines[0], '|', lines[-1])
        shared = m.get_shared()
        shared['from'] = 'python'
        out('SHARED', repr(shared.copy()))
        if len(sys.argv) > 4:
            # A Value the C# owner created on its server, reached by its id as a CPython ValueProxy.
            from multiprocessing.managers import Token, ValueProxy
            ours = ValueProxy(Token('Value', address, sys.argv[4]), 'pickle', authkey=authkey)
            out('OURVALUE', repr(ours.value), str(ours))
            ours.value = 'set by python'
        v = m.Value('i', 5)
        v.value = v.value + 1
        out('VALUE', v.value, v.get(), str(v), type(v).__name__)
        a = m.Array('i', [1, 2, 3])
        a[1] = 20
        out('ARRAY', len(a), a[1], list(a), str(a), type(a).__name__)
        try:
            a[0] = 2**40
        except OverflowError as e:
            out('OVERFLOW', type(e).__name__, e)
        b = m.Barrier(1)
        out('BARRIER', b.wait(), b.parties, b.n_waiting, b.broken)
        b2 = m.Barrier(2)
        try:
            b2.wait(0.05)
        except threading.BrokenBarrierError as e:
            out('BROKEN', type(e).__name__, b2.broken)
        out('DONE')
    else:
        # Served by a thread of this process (get_server().serve_forever()), not a forked child: when the test's
        # watchdog kills this peer, nothing of it is left behind.
        server = Peer(address=address, authkey=authkey).get_server()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        out('ADDRESS', server.address if isinstance(server.address, str) else '%s:%d' % server.address)
        m = Peer(address=server.address, authkey=authkey)
        m.connect()
        shared = m.get_shared()
        deadline = time.monotonic() + 20
        while 'stop' not in shared.keys() and time.monotonic() < deadline:
            time.sleep(0.02)
        out('SHARED', repr(sorted((k, v) for k, v in shared.items() if k != 'stop')))
        out('DONE')
except Exception as e:
    out('ERROR', '%s: %s' % (type(e).__name__, e))
    sys.exit(1)
