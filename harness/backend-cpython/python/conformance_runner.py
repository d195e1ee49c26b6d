"""CPython backend of the conformance suite: interprets a scenario document with CPython's real multiprocessing.

Entry points
------------
``run(scenario_path, trace_path, python_executable) -> int``
    Called by the C# host (pythonnet). Runs the scenario's ``main`` in this process with the ``spawn`` start method,
    then what CPython runs at interpreter exit for multiprocessing, and returns the runner exit code
    (0 = main finished, 3 = main raised; see docs/backend-authors.md).
``python3 conformance_runner.py scenario.json trace.jsonl``
    The same, standalone, with ``sys.executable`` as the children's interpreter.
``python3 run_scenario.py scenario.json trace.jsonl``
    What the harness runs by default (CPythonBackend): ``run`` as the C# host calls it, without .NET and pythonnet.
``python3 conformance_runner.py --batch programs.jsonl results.jsonl``
    Batch mode (``run_batch``): many single-process documents, one JSON per line, each run in this process; one result
    per line, ``{"output": printed text, "error": "Type: message" or null}`` (``-`` is stdin / stdout).

Children never call ``run``: spawn unpickles their target (a user function or ``Process`` subclass that lives in
:mod:`conformance_user`), which imports this module and loads the document from ``CONFORMANCE_SCENARIO`` once.
"""

import io
import collections
import json
import os
import platform
import queue
import sys
import threading
import time
import traceback

import multiprocessing
import multiprocessing.connection
import multiprocessing.managers
import multiprocessing.pool
import multiprocessing.resource_tracker
import multiprocessing.util

USER_MODULE = 'conformance_user'

# ----------------------------------------------------------------------------------------------------------------
# The trace
# ----------------------------------------------------------------------------------------------------------------

class JsonLines:
    """A JSON Lines file every process of a run appends to, named by an environment variable (the trace, the ledgers).

    Opened once per process with O_APPEND and each record written as one complete line with one write(2), so lines
    from all processes interleave whole and in the order they happened (docs/backend-authors.md). Nothing is written
    when the variable is unset.
    """

    def __init__(self, variable):
        self.variable = variable
        self.fd = None
        self.pid = None

    def append(self, record):
        pid = os.getpid()
        if self.fd is None or self.pid != pid:  # a descriptor inherited from another process is not this one's
            path = os.environ.get(self.variable)
            if not path:
                return
            self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
            self.pid = pid
        os.write(self.fd, (json.dumps(record, ensure_ascii=False) + '\n').encode('utf-8'))


_trace = JsonLines('CONFORMANCE_TRACE')

# The run's ledger of the scenario's own sleeps (CONFORMANCE_SLEEPS, docs/backend-authors.md): one line per sleep step
# once slept, so the harness can tell a run's overhead (wall time minus its sleeps) from the time the scenario asked for.
_sleeps = JsonLines('CONFORMANCE_SLEEPS')


def emit(ev, **fields):
    """Append one event to the trace."""
    record = {'t': time.monotonic_ns(), 'pid': os.getpid(), 'proc': multiprocessing.current_process().name, 'ev': ev}
    record.update(fields)
    _trace.append(record)


# ----------------------------------------------------------------------------------------------------------------
# The ledger of named OS objects
# ----------------------------------------------------------------------------------------------------------------
# The harness removes what a run leaves in /dev/shm, and must never touch another program's objects. So every
# process of the run that creates or unlinks a named semaphore or shared memory block says so in the run's ledger
# (CONFORMANCE_OBJECTS, docs/backend-authors.md). Both go through resource_tracker.register/unregister, looked up on
# the module at call time (synchronize.SemLock imports them inside __init__/_cleanup, shared_memory calls
# resource_tracker.register), so wrapping the module attributes once at import sees every one of them. Every process
# of a run that runs scenario code imports this module: main, children and pool workers (through conformance_user).

_objects = JsonLines('CONFORMANCE_OBJECTS')


def _ledger(op, rtype, name):
    """Append {"pid", "op", "kind", "name"} to the ledger of named objects."""
    _objects.append({'pid': os.getpid(), 'op': op, 'kind': rtype, 'name': name})


def _install_ledger():
    tracker = multiprocessing.resource_tracker
    if getattr(tracker.register, '_conformance_ledger', False):
        return  # run() may be called again in the same interpreter

    original_register, original_unregister = tracker.register, tracker.unregister

    # Written before the original call: if the process dies in between, the harness still knows the name.
    def register(name, rtype):
        _ledger('register', rtype, name)
        return original_register(name, rtype)

    def unregister(name, rtype):
        _ledger('unregister', rtype, name)
        return original_unregister(name, rtype)

    register._conformance_ledger = unregister._conformance_ledger = True
    tracker.register, tracker.unregister = register, unregister

    # A manager's server process runs no scenario code, so nothing there would import this module; but it can create
    # named semaphores (SyncManager.Pool). An initializer from this module makes the server import it, hook included.
    original_start = multiprocessing.managers.BaseManager.start

    def start(self, initializer=None, initargs=()):
        return original_start(self, _manager_server_initializer if initializer is None else initializer, initargs)

    multiprocessing.managers.BaseManager.start = start


def _manager_server_initializer():
    """Runs first in a manager's server process; importing this module there (to unpickle it) installed the ledger."""


_install_ledger()


# ----------------------------------------------------------------------------------------------------------------
# Chaos mode
# ----------------------------------------------------------------------------------------------------------------
# CONFORMANCE_CHAOS=<seed> (run --chaos SEED) makes every traced call sleep 0-5 ms before its `call` event and after
# its `return`/`raise` event, so a scenario that passes only because the scheduler happened to be kind fails. The
# delays come from a PRNG seeded by (seed, the process's name), not the pid, so a seed reproduces; the C# backend
# (harness/backend-csharp/ChaosDelays.cs) draws the very same sequence; a test checks that.

CHAOS_MAX_MICROSECONDS = 5000
_MASK64 = (1 << 64) - 1


class ChaosDelays:
    """The delays of one process: SplitMix64 seeded from (seed, process name), each draw 0..5000 microseconds."""

    def __init__(self, seed, process_name):
        h = 0xCBF29CE484222325  # FNV-1a 64 of the name's UTF-8 bytes
        for b in process_name.encode('utf-8'):
            h = ((h ^ b) * 0x100000001B3) & _MASK64
        self.state = ((seed & _MASK64) * 0x9E3779B97F4A7C15 ^ h) & _MASK64

    def next_microseconds(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        return (z ^ (z >> 31)) % (CHAOS_MAX_MICROSECONDS + 1)


def _chaos_seed():
    value = os.environ.get('CONFORMANCE_CHAOS')
    if value is None or value == '':
        return None
    try:
        return int(value)
    except ValueError:
        raise RuntimeError(f'CONFORMANCE_CHAOS must be a whole number (the chaos seed of run --chaos), not {value!r}; '
                           'unset it to run without chaos') from None


# Read once per process: spawn children import this module afresh, with the variable inherited.
_CHAOS_SEED = _chaos_seed()
_chaos_delays = None


def chaos_pause():
    """Sleep the process's next chaos delay; the PRNG is made at first use, when the process has its name."""
    global _chaos_delays
    if _chaos_delays is None:
        _chaos_delays = ChaosDelays(_CHAOS_SEED, multiprocessing.current_process().name)
    time.sleep(_chaos_delays.next_microseconds() / 1e6)


# ----------------------------------------------------------------------------------------------------------------
# The ledger of child exits
# ----------------------------------------------------------------------------------------------------------------
# A child that dies of a signal nobody in the run sent (a segfault, a kill from outside) is a crash, not data; one the
# scenario sent (terminate, kill, pool terminate, daemons at exit) is data. Only the parent can tell the two apart: it
# is the one that sends signals to its children and reaps them. So every process of the run appends to the run's
# CONFORMANCE_EXITS ledger (docs/backend-authors.md) each signal it sends to a child, before sending it, and each
# child's exit code the first time it reaps it. Every send goes through popen_fork.Popen._send_signal (terminate,
# kill) and every reap through Popen.poll (wait, join, is_alive, exitcode, the exit function), so wrapping those
# two methods once at import sees all of them; spawn's Popen inherits both.

_exit_ledger = JsonLines('CONFORMANCE_EXITS')


def _exits(record):
    """Append one record to the exits ledger."""
    _exit_ledger.append({'pid': os.getpid(), **record})


def _install_exits_ledger():
    import multiprocessing.popen_fork
    popen = multiprocessing.popen_fork.Popen
    if getattr(popen.poll, '_conformance_exits', False):
        return  # run() may be called again in the same interpreter

    original_init, original_poll, original_send = popen.__init__, popen.poll, popen._send_signal

    def __init__(self, process_obj):
        self._conformance_name = process_obj.name  # the reaper knows only the Popen; lines name the process
        original_init(self, process_obj)

    def poll(self, flag=os.WNOHANG):
        known = self.returncode is not None
        code = original_poll(self, flag)
        if not known and code is not None:
            _exits({'op': 'exit', 'child': self.pid, 'name': getattr(self, '_conformance_name', None), 'exitcode': code})
        return code

    def _send_signal(self, sig):
        if self.returncode is None:  # the original sends nothing to a reaped child
            _exits({'op': 'signal', 'child': self.pid, 'name': getattr(self, '_conformance_name', None), 'signal': int(sig)})
        return original_send(self, sig)

    poll._conformance_exits = True
    popen.__init__, popen.poll, popen._send_signal = __init__, poll, _send_signal


_install_exits_ledger()


# ----------------------------------------------------------------------------------------------------------------
# Traced objects
# ----------------------------------------------------------------------------------------------------------------

# What `new: T` constructs for each primitive of the language (harness/Language/language.json, "primitives"; a test
# holds the two together). Process and Condition get their arguments adapted first, in Interpreter.new.
FACTORIES = {
    'Process': multiprocessing.Process, 'Queue': multiprocessing.Queue, 'JoinableQueue': multiprocessing.JoinableQueue,
    'Event': multiprocessing.Event, 'Lock': multiprocessing.Lock, 'RLock': multiprocessing.RLock,
    'Condition': multiprocessing.Condition, 'Semaphore': multiprocessing.Semaphore,
    'BoundedSemaphore': multiprocessing.BoundedSemaphore, 'Manager': multiprocessing.Manager,
    'Pool': multiprocessing.Pool,
    # Shared values, Barrier, SimpleQueue: their arguments are adapted in _new_shared (see "Shared values" below).
    'Value': multiprocessing.Value, 'Array': multiprocessing.Array, 'RawValue': multiprocessing.RawValue,
    'RawArray': multiprocessing.RawArray, 'Barrier': multiprocessing.Barrier, 'SimpleQueue': multiprocessing.SimpleQueue,
}

PRIMITIVES = frozenset(FACTORIES)


class Traced:
    """A labelled handle on a real multiprocessing object; method calls through it are traced.

    It pickles as a plain object (class by reference, ``__dict__`` by value), so the real object inside follows
    CPython's own pickling rules: a Queue or Lock still pickles only while spawning a child, a manager proxy pickles
    anywhere, a Pool never. The label travels with it.
    """

    def __init__(self, obj, type_name, label=None):
        self.obj = obj
        self.type_name = type_name
        self.label = label

    @property
    def trace_label(self):
        return self.label if self.label is not None else self.type_name.lower()

    def __str__(self):
        return str(self.obj)

    def __repr__(self):
        return repr(self.obj)


def unwrap(value):
    return value.obj if isinstance(value, Traced) else value


def _result_type(value):
    if isinstance(value, multiprocessing.managers.BaseProxy):
        return type(value).__name__  # DictProxy, ListProxy, NamespaceProxy, ...
    if isinstance(value, multiprocessing.pool.ApplyResult):
        return 'AsyncResult'
    if isinstance(value, multiprocessing.process.BaseProcess):
        return 'Process'  # a context's Process(...): a SpawnProcess, traced like new: Process
    return None


def traced_call(t, op, args=(), kwargs=None):
    """Call ``op`` on the traced object ``t``: ``call`` event before, ``return``/``raise`` after."""
    kwargs = kwargs or {}
    shown = [repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()]
    if _CHAOS_SEED is not None:
        chaos_pause()
    emit('call', obj=t.trace_label, type=t.type_name, op=op, args=shown)
    if op in _POOL_FUNCTION_OPS and isinstance(t.obj, multiprocessing.pool.Pool):
        args, kwargs = _pool_task_arguments(args, kwargs)
    if op == 'Process' and isinstance(t.obj, multiprocessing.context.BaseContext):
        args, kwargs = _process_arguments(args, kwargs)
    try:
        target = t.obj
        if op == '__getattr__':
            result = getattr(target, *args)
        elif op == '__setattr__':
            result = setattr(target, *args)
        elif op == '__getitem__':
            result = target[args[0]]
        elif op == '__setitem__':
            target[args[0]] = args[1]
            result = None
        elif op == '__delitem__':
            del target[args[0]]
            result = None
        elif op == '__delattr__':
            result = delattr(target, *args)
        else:
            result = getattr(target, op)(*args, **kwargs)
    except BaseException as e:
        emit('raise', obj=t.trace_label, type=t.type_name, op=op, error=type(e).__name__, message=str(e))
        if _CHAOS_SEED is not None:
            chaos_pause()
        raise
    emit('return', obj=t.trace_label, type=t.type_name, op=op, result=repr(result))
    if _CHAOS_SEED is not None:
        chaos_pause()
    if result is t.obj:
        return t
    rtype = _result_type(result)
    return Traced(result, rtype) if rtype else result


# The Pool methods whose first argument (func) runs in the workers: each call there records task_begin/task_end.
_POOL_FUNCTION_OPS = frozenset({'map', 'map_async', 'imap', 'imap_unordered', 'starmap', 'starmap_async', 'apply',
                                'apply_async'})


def _pool_task_arguments(args, kwargs):
    """The arguments of a Pool method with its func wrapped in a _PoolTask (after the call event showed the original)."""
    if args:
        return (_PoolTask(unwrap(args[0])),) + tuple(args[1:]), kwargs
    if 'func' in kwargs:
        return args, {**kwargs, 'func': _PoolTask(unwrap(kwargs['func']))}
    return args, kwargs


class _PoolTask:
    """A pool function with ``task_begin``/``task_end`` around each call in the worker.

    It pickles with the function inside (by reference, as CPython pickles the function alone), so a lambda fails to
    pickle with the very error it would raise unwrapped; chunking, exceptions and results are CPython's own.
    """

    def __init__(self, function):
        self.function = function

    def __call__(self, *args, **kwargs):
        fn = getattr(self.function, '__name__', type(self.function).__name__)
        shown = [repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()]
        chunk = _current_chunk()
        emit('task_begin', fn=fn, args=shown, chunk=chunk)
        try:
            result = self.function(*args, **kwargs)
        except BaseException as e:
            emit('task_end', fn=fn, args=shown, chunk=chunk, error=type(e).__name__)
            raise
        emit('task_end', fn=fn, args=shown, chunk=chunk)
        return result


def _current_chunk():
    """CPython's task index ``i`` of the task multiprocessing.pool.worker is running (a map chunk; 0 for apply)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == 'worker' and frame.f_globals.get('__name__') == 'multiprocessing.pool':
            return frame.f_locals.get('i', 0)
        frame = frame.f_back
    return 0


class _Target:
    """A Process target: the user function, with ``begin``/``end``/``crash`` around it in the child."""

    def __init__(self, function):
        self.function = function

    def __call__(self, *args, **kwargs):
        return _run_as_process_body(self.function, args, kwargs)


def _process_arguments(args, kwargs):
    """Process(...)'s arguments as new: Process and a context's Process pass them: the target wrapped in _Target."""
    args = list(args)
    if len(args) > 1 and args[1] is not None:
        args[1] = _Target(unwrap(args[1]))
    if kwargs.get('target') is not None:
        kwargs['target'] = _Target(unwrap(kwargs['target']))
    if 'args' in kwargs:
        kwargs['args'] = tuple(kwargs['args'])
    return args, kwargs


def _run_as_process_body(function, args, kwargs):
    emit('begin')
    try:
        result = function(*args, **kwargs)
    except BaseException as e:
        emit('crash', error=type(e).__name__, message=str(e))
        raise
    emit('end')
    return result


# ----------------------------------------------------------------------------------------------------------------
# The scenario document and user definitions
# ----------------------------------------------------------------------------------------------------------------

_document = None
_interpreter = None


def document():
    global _document
    if _document is None:
        with open(os.environ['CONFORMANCE_SCENARIO'], encoding='utf-8') as f:
            _document = json.load(f)
    return _document


def interpreter():
    global _interpreter
    if _interpreter is None:
        _interpreter = Interpreter(document())
    return _interpreter


def user(name):
    """The user function or class ``name`` (from conformance_user, so it is the picklable module attribute)."""
    import conformance_user
    return getattr(conformance_user, name)


def _pointer_token(name):
    return str(name).replace('~', '~0').replace('/', '~1')


def make_user_definition(name):
    doc = document()
    if name in doc.get('functions', {}):
        return _make_function(name, doc['functions'][name])
    if name in doc.get('classes', {}):
        return _make_class(name, doc['classes'][name])
    return None


def _make_function(name, spec):
    pointer = f'/functions/{_pointer_token(name)}'
    defaults = interpreter().eval_defaults(spec, f'{pointer}/defaults')  # once, when the function is defined

    def function(*args, **kwargs):
        return interpreter().call_body(spec, pointer, None, args, kwargs, name, defaults)

    function.__name__ = name
    function.__qualname__ = name
    function.__module__ = USER_MODULE
    return function


def _make_class(name, spec):
    if spec.get('base') in EXCEPTIONS:
        # An exception class: its base's constructor, str, repr (MyError('x')) and args; no fields or methods.
        return type(name, (EXCEPTIONS[spec['base']],), {'__module__': USER_MODULE, '__qualname__': name})
    fields = list(spec.get('fields', []))
    is_process = spec.get('base') == 'Process'
    methods = spec.get('methods', {})
    base_pointer = f'/classes/{_pointer_token(name)}/methods'

    def __init__(self, *args, **kwargs):
        if is_process:
            multiprocessing.Process.__init__(self)
        values = bind_arguments(['self'] + fields, {}, (self,) + args, kwargs, f'{name}.__init__')[1:]
        for field, value in zip(fields, values):
            setattr(self, field, value)

    namespace = {'__init__': __init__, '__module__': USER_MODULE, '__qualname__': name}
    for method_name, method_spec in methods.items():
        namespace[method_name] = _make_method(name, method_name, method_spec,
                                              f'{base_pointer}/{_pointer_token(method_name)}')
    if is_process and 'run' in methods:
        interpreted_run = namespace['run']

        def run(self):
            if multiprocessing.current_process() is self:  # started: this is the child's body
                return _run_as_process_body(interpreted_run, (self,), {})
            return interpreted_run(self)

        namespace['run'] = run
    if not is_process and '__repr__' not in methods:
        # The default repr of an instance of a class in a real program's __main__.
        namespace['__repr__'] = lambda self: f'<__main__.{name} object at {hex(id(self))}>'
    bases = (multiprocessing.Process,) if is_process else (object,)
    return type(name, bases, namespace)


def _make_method(class_name, method_name, spec, pointer):
    defaults = interpreter().eval_defaults(spec, f'{pointer}/defaults')  # once, when the class is defined

    def method(self, *args, **kwargs):
        return interpreter().call_body(spec, pointer, self, args, kwargs, f'{class_name}.{method_name}', defaults)

    method.__name__ = method_name
    method.__qualname__ = f'{class_name}.{method_name}'
    method.__module__ = USER_MODULE
    return method


def bind_arguments(params, defaults, args, kwargs, what):
    """The values of ``params`` for a call, bound as CPython 3.11 binds a plain ``def`` (ceval's initialize_locals).

    ``params`` lists every positional parameter (``self`` first for a method, with the instance first in ``args``);
    ``defaults`` maps the last ones to their values; ``what`` is the qualified name errors start with. The order of
    the checks, hence which error a call with several faults gets, is CPython's: keywords in call order (unexpected,
    then given twice), then too many positional arguments, then the missing ones.
    """
    n = len(params)
    values = dict(zip(params, args))
    for key, value in kwargs.items():
        if key not in params:
            raise TypeError(f"{what}() got an unexpected keyword argument '{key}'")
        if key in values:
            raise TypeError(f"{what}() got multiple values for argument '{key}'")
        values[key] = value
    if len(args) > n:
        if defaults:
            sig, plural = f'from {n - len(defaults)} to {n}', 's'
        else:
            sig, plural = str(n), '' if n == 1 else 's'
        raise TypeError(f"{what}() takes {sig} positional argument{plural} but {len(args)} "
                        f"{'was' if len(args) == 1 else 'were'} given")
    missing = [p for p in params if p not in values and p not in defaults]
    if missing:
        names = [f"'{m}'" for m in missing]
        listed = names[0] if len(names) == 1 else (
            f'{names[0]} and {names[1]}' if len(names) == 2 else ', '.join(names[:-1]) + f', and {names[-1]}')
        raise TypeError(f"{what}() missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: "
                        f'{listed}')
    return [values[p] if p in values else defaults[p] for p in params]


def unpack(value, n):
    """``a, b = value`` for a target list of ``n`` names, with CPython's errors (stops after n + 1 items, as it does)."""
    value = unwrap(value)
    try:
        iterator = iter(value)
    except TypeError:
        raise TypeError(f'cannot unpack non-iterable {type(value).__name__} object') from None
    items = []
    for item in iterator:
        if len(items) == n:
            raise ValueError(f'too many values to unpack (expected {n})')
        items.append(item)
    if len(items) < n:
        raise ValueError(f'not enough values to unpack (expected {n}, got {len(items)})')
    return items


_BODY_KEYS = ('then', 'else', 'do', 'try', 'finally')


def _yields(step):
    """Whether a step holds a ``yield`` step, in itself or in a nested body (not in a lambda: that is a value)."""
    if not isinstance(step, dict):
        return False
    if 'yield' in step:
        return True
    for key in _BODY_KEYS:
        body = step.get(key)
        if isinstance(body, list) and any(_yields(s) for s in body):
            return True
    handlers = step.get('except')
    return isinstance(handlers, list) and any(
        isinstance(h, dict) and any(_yields(s) for s in h.get('do', [])) for h in handlers)


# ----------------------------------------------------------------------------------------------------------------
# The interpreter
# ----------------------------------------------------------------------------------------------------------------

def _tag(e, pointer):
    """Records on ``e`` the step it was raised at, unless a deeper step already did."""
    if getattr(e, '_conformance_pointer', None) is None:
        try:
            e._conformance_pointer = pointer
        except Exception:
            pass


class _Break(BaseException):
    pass


class _Continue(BaseException):
    pass


class _Return(BaseException):
    def __init__(self, value):
        super().__init__()
        self.value = value


_CONTROL = (_Break, _Continue, _Return)

# The language's exception names (harness/Language/language.json, "exceptions"; a test holds the two together and
# the definition's bases to CPython's __mro__). 'TimeoutError' is the builtin one, as in Python; multiprocessing's is
# written with its module.
EXCEPTIONS = {
    'BaseException': BaseException, 'Exception': Exception, 'ValueError': ValueError, 'TypeError': TypeError,
    'AssertionError': AssertionError, 'AttributeError': AttributeError, 'KeyError': KeyError, 'IndexError': IndexError,
    'RuntimeError': RuntimeError, 'OSError': OSError, 'NotImplementedError': NotImplementedError,
    'Empty': queue.Empty, 'Full': queue.Full, 'TimeoutError': TimeoutError,
    'ProcessError': multiprocessing.ProcessError, 'multiprocessing.TimeoutError': multiprocessing.TimeoutError,
    'KeyboardInterrupt': KeyboardInterrupt, 'SystemExit': SystemExit, 'StopIteration': StopIteration,
    'ArithmeticError': ArithmeticError, 'ZeroDivisionError': ZeroDivisionError, 'OverflowError': OverflowError,
    'LookupError': LookupError, 'NameError': NameError, 'UnboundLocalError': UnboundLocalError, 'EOFError': EOFError,
    'ConnectionError': ConnectionError, 'BrokenPipeError': BrokenPipeError,
    'BrokenBarrierError': threading.BrokenBarrierError,
}


def exception_class(name):
    """The class of an exception name: a language exception type, or a user exception class (base: a type)."""
    if name in EXCEPTIONS:
        return EXCEPTIONS[name]
    spec = document().get('classes', {}).get(name)
    if isinstance(spec, dict) and spec.get('base') in EXCEPTIONS:
        return user(name)
    raise ValueError(f'unknown exception type {name!r}')


# ----------------------------------------------------------------------------------------------------------------
# What a scenario may reach (docs/scenario-authors.md, "What a scenario can and cannot do")
# ----------------------------------------------------------------------------------------------------------------
# The validator refuses everything below before a run; these checks are the second line, for a name that reaches
# the interpreter some other way. They are structural on purpose: a scenario's own field and attribute names are
# arbitrary identifiers, so what keeps it inside the language is that no name starting with '_' (other than the
# dunders below) is ever looked up, that type objects never become values (``__class__`` gives an inert
# ``TypeView``), and that the few public names that reach frames, code or str.format's attribute walk are refused.
# The three sets are read from the language definition, as the validator and the C# interpreter read them: it is
# Language/ beside this folder in the backend's and the harness's output (the backend project copies it there), and
# harness/Language/ two folders up in the source tree. A test still compares all three.

def _language():
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.path.join(here, os.pardir, 'Language', 'language.json'),
                  os.path.join(here, os.pardir, os.pardir, 'Language', 'language.json')]
    path = next((c for c in candidates if os.path.exists(c)), candidates[0])
    with open(path, encoding='utf-8') as f:
        return json.load(f)


_LANGUAGE = _language()
_POLICY = _LANGUAGE['policy']
# The methods a str may be called with (and read as attributes): the definition's str_methods, no others.
STR_METHODS = frozenset(_LANGUAGE['str_methods']['methods'])
# The built-ins {builtin: name} may pass as values, and the type names {type: T} accepts.
VALUE_BUILTINS = frozenset(n for n, b in _LANGUAGE['builtins'].items() if b.get('value'))
TYPE_NAMES = tuple(_LANGUAGE['types']['names'])
READABLE_DUNDERS = frozenset(_POLICY['readable_dunders'])
SPECIAL_METHODS = frozenset(_POLICY['special_methods'])
FORBIDDEN_NAMES = frozenset(_POLICY['forbidden_names'])


class ScenarioViolation(BaseException):
    """A document asked for something outside the scenario language. Not an Exception: no handler catches it."""


def _refuse(what, name):
    raise ScenarioViolation(f'{what} {name!r} is not part of the scenario language '
                            f'(see docs/scenario-authors.md, "What a scenario can and cannot do")')


def check_attribute(name, write=False):
    if not isinstance(name, str) or not name.isidentifier() or name in FORBIDDEN_NAMES:
        _refuse('attribute', name)
    if name.startswith('_') and (write or name not in READABLE_DUNDERS):
        _refuse('attribute', name)


def check_method(name):
    if not isinstance(name, str) or not name.isidentifier() or name in FORBIDDEN_NAMES:
        _refuse('method', name)
    if name.startswith('_') and name not in SPECIAL_METHODS:
        _refuse('method', name)


class TypeView:
    """``x.__class__`` as a scenario sees it: the class's name and repr, never the class (it cannot be called)."""

    __slots__ = ('_cls',)

    def __init__(self, cls):
        object.__setattr__(self, '_cls', cls)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r} attribute of immutable type {self._name()!r}")

    def _name(self):
        return object.__getattribute__(self, '_cls').__name__

    def attribute(self, name):
        cls = object.__getattribute__(self, '_cls')
        if name == '__name__':
            return cls.__name__
        if name == '__class__':
            return TypeView(type(cls))
        raise AttributeError(f"type object {cls.__name__!r} has no attribute {name!r}")

    def __repr__(self):
        cls = object.__getattribute__(self, '_cls')
        module = '__main__' if cls.__module__ == USER_MODULE else cls.__module__
        return f"<class '{cls.__qualname__}'>" if module == 'builtins' else f"<class '{module}.{cls.__qualname__}'>"

    def __call__(self, *args, **kwargs):
        raise ScenarioViolation(f'calling {self!r}, a class reached through __class__, is not part of the scenario '
                                f'language (see docs/scenario-authors.md, "What a scenario can and cannot do")')

    def __eq__(self, other):
        return isinstance(other, TypeView) and self.same(other)

    def __hash__(self):
        return hash(object.__getattribute__(self, '_cls'))

    def same(self, other):
        return object.__getattribute__(self, '_cls') is object.__getattribute__(other, '_cls')

    def __getitem__(self, key):
        # cls[key] (Queue[int], checklist Q-16): the arguments are checked first, then the real class's own
        # __class_getitem__ answers (or CPython's "type 'Queue' is not subscriptable"); only a view of the alias
        # comes back, never the alias (calling it would construct the class).
        args = tuple(_alias_argument(k) for k in key) if isinstance(key, tuple) else _alias_argument(key)
        return AliasView(object.__getattribute__(self, '_cls')[args])


def _alias_argument(arg):
    """A class subscript's argument as the real object: a class view (not a user class: its alias would show the
    module conformance_user), an alias view, or None."""
    if arg is None:
        return None
    if isinstance(arg, TypeView) and object.__getattribute__(arg, '_cls').__module__ != USER_MODULE:
        return object.__getattribute__(arg, '_cls')
    if isinstance(arg, AliasView):
        return object.__getattribute__(arg, '_alias')
    _refuse('generic alias argument', repr(arg))


class AliasView:
    """A ``types.GenericAlias`` as a scenario sees it (``list[int]``): its repr and equality, nothing callable."""

    __slots__ = ('_alias',)

    def __init__(self, alias):
        object.__setattr__(self, '_alias', alias)

    def __setattr__(self, name, value):
        _refuse('attribute of a generic alias', name)

    def attribute(self, name):
        if name == '__class__':
            return TypeView(type(object.__getattribute__(self, '_alias')))
        _refuse('attribute of a generic alias', name)

    def __repr__(self):
        return repr(object.__getattribute__(self, '_alias'))

    def __call__(self, *args, **kwargs):
        _refuse('calling a generic alias', repr(self))

    def __eq__(self, other):
        return isinstance(other, AliasView) and repr(self) == repr(other)

    def __hash__(self):
        return hash(repr(self))


def _builtin_len(x):
    return len(unwrap(x))


def _builtin_list(x=()):
    return list(unwrap(x))


def _builtin_sorted(x, **kwargs):
    return sorted(unwrap(x), **kwargs)


def _builtin_range(*args):
    return list(range(*args))


def builtin_type(value):
    """type(x) / x.__class__: an inert view of the class (a view's class is type)."""
    if isinstance(value, TypeView):
        return TypeView(type)
    if isinstance(value, AliasView):
        return TypeView(type(object.__getattribute__(value, '_alias')))
    if isinstance(value, BuiltinValue):
        return TypeView(type(value.real()))
    return TypeView(type(unwrap(value)))


def _type_argument(t):
    """isinstance's second argument as real classes: type views, user classes (conformance_user) and tuples of them."""
    if isinstance(t, TypeView):
        return object.__getattribute__(t, '_cls')
    if isinstance(t, tuple):
        return tuple(_type_argument(u) for u in t)
    if isinstance(t, type) and t.__module__ == USER_MODULE:
        return t
    raise TypeError('isinstance() arg 2 must be a type, a tuple of types, or a union')


def _builtin_isinstance(x, t):
    x = unwrap(x)
    cls = _type_argument(t)
    if isinstance(x, TypeView):
        x = object.__getattribute__(x, '_cls')  # a view stands for its class: isinstance(view, type) is True
    return isinstance(x, cls)


def _builtin_getattr(x, name, *default):
    check_attribute(name)  # the same policy as {attr: name, of: x}, before anything is looked up
    try:
        return interpreter().get_attr(x, name)
    except AttributeError:
        if default:
            return default[0]
        raise


def _builtin_hasattr(x, name):
    check_attribute(name)
    try:
        interpreter().get_attr(x, name)
    except AttributeError:
        return False
    return True


def _unwrapped(fn):
    def call(*args, **kwargs):
        return fn(*(unwrap(a) for a in args), **kwargs)

    call.__name__ = fn.__name__
    return call


class BuiltinValue:
    """{builtin: len}: a built-in as an inert callable value (a key= or map function), never the Python object."""

    __slots__ = ('_name',)

    def __init__(self, name):
        object.__setattr__(self, '_name', name)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r} attribute of built-in {object.__getattribute__(self, '_name')}")

    def real(self):
        import builtins
        return getattr(builtins, object.__getattribute__(self, '_name'))

    def attribute(self, name):
        if name == '__name__':
            return object.__getattribute__(self, '_name')
        if name == '__class__':
            return builtin_type(self)
        raise AttributeError(f"{type(self.real()).__name__!r} object has no attribute {name!r}")

    def __call__(self, *args, **kwargs):
        return BUILTINS[object.__getattribute__(self, '_name')](*args, **kwargs)

    def __repr__(self):
        return repr(self.real())

    def __eq__(self, other):
        return isinstance(other, BuiltinValue) and object.__getattribute__(self, '_name') == object.__getattribute__(other, '_name')

    def __hash__(self):
        return hash(object.__getattribute__(self, '_name'))


def _builtin_pipe(duplex=True):
    """multiprocessing.Pipe(duplex): both ends traced Connections (labelled by the set that unpacks them)."""
    a, b = multiprocessing.Pipe(duplex)
    return Traced(a, 'Connection'), Traced(b, 'Connection')


# ----------------------------------------------------------------------------------------------------------------
# Shared values, Barrier, SimpleQueue, contexts and connection.wait (issue 10)
# ----------------------------------------------------------------------------------------------------------------
# Value/Array/RawValue/RawArray/Barrier/SimpleQueue are traced primitives (new: T). A Value's `value` is an attribute
# (read and set untraced, as any attribute of a traced object); an array's items go through the traced __getitem__ /
# __setitem__ like a proxy's, so invariants can count them. get_context() is traced as a SpawnContext.

def _new_shared(type_name, args, kwargs):
    """new: Value/Array/RawValue/RawArray/Barrier/SimpleQueue: traced; a lock or an action argument unwrapped."""
    args = [unwrap(a) for a in args]
    kwargs = {k: unwrap(v) for k, v in kwargs.items()}
    if type_name in ('Array', 'RawArray'):
        size = args[1] if len(args) > 1 else kwargs.get('size_or_initializer')
        # CPython zero-fills the array in a heap arena, on disk (TMPDIR) when /dev/shm is too small: a huge size would
        # write gigabytes before the run's memory limit sees them. The C# interpreter refuses the same sizes.
        if isinstance(size, int) and not isinstance(size, bool) and size > MAX_SHARED_ARRAY_ITEMS:
            raise ScenarioViolation(f'a shared array of {size} items (the limit is {MAX_SHARED_ARRAY_ITEMS}) is not part '
                                    f'of the scenario language (see docs/scenario-authors.md, "What a scenario can and cannot do")')
    return Traced(FACTORIES[type_name](*args, **kwargs), type_name)


MAX_SHARED_ARRAY_ITEMS = 1 << 24


SHARED_TYPES = frozenset(['Value', 'Array', 'RawValue', 'RawArray', 'Barrier', 'SimpleQueue'])


def _builtin_get_context(method=None):
    return Traced(multiprocessing.get_context(method), 'SpawnContext')


def _builtin_wait(object_list, timeout=None):
    """multiprocessing.connection.wait over Pipe ends (traced) and sentinels: the ready ones in wait's order, as the
    plain objects (like active_children's list, so `in` finds a traced end in it)."""
    return multiprocessing.connection.wait([unwrap(o) for o in unwrap(object_list)], timeout)


# os.kill: the signals a child may send itself (SIGINT, SIGKILL, SIGSEGV, SIGTERM); never another process.
SELF_SIGNALS = frozenset([2, 9, 11, 15])


def _only_in_a_child(what):
    if multiprocessing.parent_process() is None:
        raise ScenarioViolation(f'{what} in the main process is not part of the scenario language: it would end the run; '
                                'call it in a child process')


def _builtin_os_exit(code):
    """os._exit(n) in a child: ends it at once (no finally, no exit handlers, no flush), exit code n."""
    _only_in_a_child('os._exit')
    os._exit(code)


def _builtin_os_kill(pid, sig):
    """os.kill(os.getpid(), sig) in a child: the child signals itself; nothing else may be signalled."""
    _only_in_a_child('os.kill')
    if type(pid) is not int or pid != os.getpid():
        raise ScenarioViolation(f'os.kill of pid {pid!r} is not part of the scenario language: a child may signal only '
                                'itself, os.kill(os.getpid(), sig)')
    if type(sig) is not int or sig not in SELF_SIGNALS:
        raise ScenarioViolation(f'os.kill with signal {sig!r} is not part of the scenario language: the signals are '
                                '2 (SIGINT), 9 (SIGKILL), 11 (SIGSEGV) and 15 (SIGTERM)')
    # The parent reaps it dead by this signal, which the scenario caused: say so in the exits ledger first.
    _exits({'op': 'signal', 'child': pid, 'name': multiprocessing.current_process().name, 'signal': sig})
    os.kill(pid, sig)


BUILTINS = {
    'current_process': multiprocessing.current_process,
    'Pipe': _builtin_pipe,
    'get_context': _builtin_get_context,
    'get_start_method': multiprocessing.get_start_method,
    'set_start_method': multiprocessing.set_start_method,
    'connection.wait': _builtin_wait,
    'parent_process': multiprocessing.parent_process,
    'active_children': multiprocessing.active_children,
    'cpu_count': multiprocessing.cpu_count,
    'str': str, 'repr': repr, 'len': _builtin_len, 'list': _builtin_list, 'sorted': _builtin_sorted,
    'range': _builtin_range, 'map': map,
    'sys.exit': sys.exit, 'os.getpid': os.getpid, 'os.getppid': os.getppid, 'time.monotonic': time.monotonic,
    'os._exit': _builtin_os_exit, 'os.kill': _builtin_os_kill,
    'type': lambda x: builtin_type(x), 'isinstance': _builtin_isinstance, 'hasattr': _builtin_hasattr,
    'getattr': _builtin_getattr, 'iter': _unwrapped(iter), 'next': next, 'set': _unwrapped(set),
    'zip': _unwrapped(zip), 'enumerate': _unwrapped(enumerate), 'min': _unwrapped(min), 'max': _unwrapped(max),
    'sum': _unwrapped(sum), 'abs': abs, 'any': _unwrapped(any), 'all': _unwrapped(all), 'bool': bool, 'int': int,
    'float': float, 'tuple': _unwrapped(tuple), 'dict': _unwrapped(dict), 'reversed': _unwrapped(reversed),
    'round': round,
}

DOTTED_BUILTINS = frozenset(name for name in BUILTINS if '.' in name)

_BINARY = {
    # add/mul reach a proxy's own operators (a list proxy's __add__, __mul__ run in the server, M-10).
    'add': lambda a, b: unwrap(a) + unwrap(b), 'sub': lambda a, b: a - b, 'mul': lambda a, b: unwrap(a) * unwrap(b), 'div': lambda a, b: a / b,
    'floordiv': lambda a, b: a // b, 'mod': lambda a, b: a % b,
    # eq/ne compare the objects themselves, not their tracing wrappers: a proxy defines no __eq__ (M-8).
    'eq': lambda a, b: unwrap(a) == unwrap(b), 'ne': lambda a, b: unwrap(a) != unwrap(b), 'lt': lambda a, b: a < b, 'le': lambda a, b: a <= b,
    'gt': lambda a, b: a > b, 'ge': lambda a, b: a >= b, 'is': lambda a, b: _is(unwrap(a), unwrap(b)),
    'in': lambda a, b: _contains(b, a), 'not_in': lambda a, b: not _contains(b, a),
    'pow': lambda a, b: _pow(a, b),
}


def _contains(container, item):
    container = unwrap(container)
    if isinstance(container, TypeView):
        raise TypeError("argument of type 'type' is not iterable")
    return unwrap(item) in container


def _pow(a, b):
    result = a ** b
    if isinstance(result, complex):
        # A negative number to a fractional power: CPython's answer is a complex number, which the language lacks.
        raise ScenarioViolation(f'{a!r} ** {b!r} is a complex number, which is not part of the scenario language '
                                f'(see docs/scenario-authors.md, "What a scenario can and cannot do")')
    return result


def _unary(op, value):
    value = unwrap(value)
    if isinstance(value, TypeView):
        raise TypeError(f"bad operand type for unary {op}: 'type'")
    return -value if op == '-' else +value


class Env(dict):
    """The variables of one body, and how a name it lacks fails there, as CPython's compiler decides.

    ``qualname`` names the body (None for main, the module level) for a lambda's qualified name; ``declared`` holds
    its ``global`` names (assigned in the module's variables, not here); ``function_locals``, in a function or method,
    every name the body binds (parameters, set and for targets, with-as, except-as, del): reading one that is unbound
    is an UnboundLocalError, not a global lookup. Main has none of them: its names are the module's globals.
    """

    __slots__ = ('qualname', 'declared', 'function_locals')

    def __init__(self, qualname=None, declared=frozenset(), function_locals=None):
        super().__init__()
        self.qualname = qualname
        self.declared = declared
        self.function_locals = function_locals

    def unbound(self, name):
        """The error CPython raises for reading (or deleting) the missing name ``name`` here, or None for a global lookup."""
        if self.function_locals is not None and name in self.function_locals and name not in self.declared:
            return UnboundLocalError(f"cannot access local variable '{name}' where it is not associated with a value")
        return None

    def comprehension(self):
        """The scope of a comprehension in this body: its own loop variable, then this body's live variables."""
        return ClosureEnv({}, self, self.qualname)


class ClosureEnv(collections.ChainMap):
    """A lambda call's or a comprehension's variables: its own, then the enclosing body's live variables (a closure)."""

    def __init__(self, own, enclosing, qualname):
        super().__init__(own, enclosing)
        self.enclosing = enclosing
        self.qualname = qualname
        self.declared = frozenset()

    def unbound(self, name):
        """An enclosing function's unbound local, read here: CPython's free-variable NameError."""
        env = self.enclosing
        while isinstance(env, ClosureEnv):
            env = env.enclosing
        if isinstance(env, Env) and env.unbound(name) is not None:
            return NameError(f"cannot access free variable '{name}' where it is not associated with a value in enclosing scope")
        return None

    def comprehension(self):
        return ClosureEnv({}, self, self.qualname)


_LOCALS_CACHE = {}


def body_locals(spec):
    """The names a function or method spec binds anywhere in its body (its locals, as Python's compiler finds them)."""
    key = id(spec)
    cached = _LOCALS_CACHE.get(key)
    if cached is not None and cached[0] is spec:
        return cached[1]
    names = set(spec.get('params', []))

    def targets(target):
        if isinstance(target, str) and '.' not in target:
            names.add(target)
        elif isinstance(target, list):
            for t in target:
                targets(t)

    def walk(steps):
        if not isinstance(steps, list):
            return
        for step in steps:
            if not isinstance(step, dict):
                continue
            targets(step.get('set'))
            if 'in' in step:
                targets(step.get('for'))
            for key in ('as', 'del'):
                if key in step and isinstance(step[key], str):
                    names.add(step[key])
            for handler in step.get('except', []) if isinstance(step.get('except'), list) else []:
                if isinstance(handler, dict):
                    if isinstance(handler.get('as'), str):
                        names.add(handler['as'])
                    walk(handler.get('do'))
            for body in ('do', 'then', 'else', 'try', 'finally'):
                walk(step.get(body))

    walk(spec.get('steps', []))
    result = frozenset(names)
    _LOCALS_CACHE[key] = (spec, result)
    return result


def _is(a, b):
    if isinstance(a, TypeView) and isinstance(b, TypeView):
        return a.same(b)  # each __class__ read makes a new view: identity is the class's
    return a is b


def _is_proxy(value):
    return isinstance(value, Traced) and isinstance(value.obj, multiprocessing.managers.BaseProxy)


class Interpreter:
    def __init__(self, doc):
        self.doc = doc
        self.pointer = ''  # the step being executed, as a JSON pointer
        self.sink = None  # batch mode: a list that collects the printed text instead of the trace and stdout
        # The module's variables: main runs at module level, so its own variables live here too, beside `globals`.
        self.module = Env()
        for name, value in doc.get('globals', {}).items():
            self.module[name] = self.eval(value, Env())

    def eval_defaults(self, spec, pointer):
        """A function's defaults, evaluated once (when the function is defined, as Python does)."""
        saved, self.pointer = self.pointer, pointer
        try:
            return {name: self.eval(value, Env()) for name, value in spec.get('defaults', {}).items()}
        finally:
            self.pointer = saved

    # -- bodies --------------------------------------------------------------------------------------------------

    def call_body(self, spec, pointer, self_obj, args, kwargs, what, defaults=None):
        params = list(spec.get('params', []))
        env = Env(what, frozenset(spec.get('global', [])),
                  body_locals(spec) | ({'self'} if self_obj is not None else set()))
        if self_obj is not None:
            params, args = ['self'] + params, (self_obj,) + tuple(args)
        env.update(zip(params, bind_arguments(params, defaults or {}, args, kwargs, what)))
        if any(_yields(s) for s in spec.get('steps', [])):
            # A generator function: the call binds the arguments and returns the generator; the body runs lazily.
            generator = self.generator_body(spec, pointer, env)
            generator.__name__ = what.rsplit('.', 1)[-1]
            generator.__qualname__ = what
            return generator
        saved = self.pointer
        try:
            self.exec_steps(spec.get('steps', []), f'{pointer}/steps', env)
        except _Return as r:
            return r.value
        finally:
            self.pointer = saved
        return None

    def exec_steps(self, steps, pointer, env):
        for i, step in enumerate(steps):
            self.exec_step(step, f'{pointer}/{i}', env)

    def exec_step(self, step, pointer, env):
        self.pointer = pointer
        try:
            self._exec(step, pointer, env)
        except _CONTROL:
            raise
        except BaseException as e:
            _tag(e, pointer)
            raise

    # -- generator bodies ----------------------------------------------------------------------------------------
    # A generator function's body runs as a Python generator: a step that holds no yield runs as usual (exec_step);
    # one that does (the yield step itself, or an if/while/for/try/with around one) runs here, delegating with
    # `yield from`, so the body is suspended at the yield exactly as CPython suspends a def with a yield in it.

    def generator_body(self, spec, pointer, env):
        try:
            yield from self.gen_steps(spec.get('steps', []), f'{pointer}/steps', env)
        except _Return as r:
            return r.value

    def gen_steps(self, steps, pointer, env):
        for i, step in enumerate(steps):
            p = f'{pointer}/{i}'
            if not _yields(step):
                self.exec_step(step, p, env)
                continue
            self.pointer = p
            try:
                yield from self._gen_step(step, p, env)
            except _CONTROL:
                raise
            except BaseException as e:
                _tag(e, p)
                raise

    def _gen_loop_body(self, step, pointer, env):
        """One iteration of a while/for body in a generator; returns False when it ended with break."""
        try:
            yield from self.gen_steps(step.get('do', []), f'{pointer}/do', env)
        except _Break:
            return False
        except _Continue:
            pass
        return True

    def _gen_step(self, step, pointer, env):
        ev = lambda x: self.eval(x, env)  # noqa: E731
        if 'yield' in step:
            yield ev(step['yield'])
        elif 'if' in step:
            branch = 'then' if ev(step['if']) else 'else'
            yield from self.gen_steps(step.get(branch, []), f'{pointer}/{branch}', env)
        elif 'while' in step:
            while ev(step['while']):
                if not (yield from self._gen_loop_body(step, pointer, env)):
                    break
        elif 'for' in step:
            for item in unwrap(ev(step['in'])):
                self.assign_target(env, step['for'], item)
                if not (yield from self._gen_loop_body(step, pointer, env)):
                    break
        elif 'try' in step:
            try:
                try:
                    yield from self.gen_steps(step.get('try', []), f'{pointer}/try', env)
                except _CONTROL:
                    raise
                except BaseException as e:
                    for i, handler in enumerate(step.get('except', [])):
                        if isinstance(e, EXCEPTIONS[handler['type']]):
                            if 'as' in handler:
                                self.assign(env, handler['as'], e)
                            yield from self.gen_steps(handler.get('do', []), f'{pointer}/except/{i}/do', env)
                            break
                    else:
                        raise
            finally:
                if 'finally' in step:
                    yield from self.gen_steps(step['finally'], f'{pointer}/finally', env)
        elif 'with' in step:
            manager, entered, leave = self._enter(step, env)
            if 'as' in step:
                self.assign(env, step['as'], entered)
            try:
                yield from self.gen_steps(step.get('do', []), f'{pointer}/do', env)
            except _CONTROL:
                leave(None, None, None)
                raise
            except BaseException as e:
                if not leave(type(e), e, e.__traceback__):
                    raise
            else:
                leave(None, None, None)
        else:
            raise ValueError(f'unknown step {sorted(step)!r}')

    # -- assignment ----------------------------------------------------------------------------------------------

    def assign(self, env, name, value):
        """``name = value`` in a body: the module's variable for a name the body declared ``global``."""
        if name in env.declared:
            self.module[name] = value
        else:
            env[name] = value

    def assign_target(self, env, target, value, label=False):
        """Assigns to a name or a target list (``[a, [b, c]]``: unpacked, as ``a, (b, c) = value``).

        With ``label`` (a set step), a traced object takes the first name it is bound to, as ``set: x`` gives it."""
        if isinstance(target, list):
            for t, item in zip(target, unpack(value, len(target))):
                self.assign_target(env, t, item, label)
        else:
            if label and isinstance(value, Traced) and value.label is None:
                value.label = target  # as set: x does (a, b = Pipe() labels the ends a and b)
            self.assign(env, target, value)

    def _exec(self, step, pointer, env):
        if isinstance(step, str):
            if step == 'break':
                raise _Break()
            if step == 'continue':
                raise _Continue()
            if step == 'pass':
                return
            if step == 'raise':
                # CPython's bare raise: the exception being handled (a handler's, also in functions it calls), else
                # RuntimeError('No active exception to reraise'). Handlers run inside exec_try's except clause, so
                # Python's own notion of "being handled" is the scenario's, except for this runner's own control-flow
                # exceptions (a finally running for a break, continue or return): the handled one is what they
                # interrupted, if anything.
                handled = sys.exc_info()[1]
                while isinstance(handled, _CONTROL):
                    handled = handled.__context__
                if handled is None:
                    raise RuntimeError('No active exception to reraise')
                if handled is sys.exc_info()[1]:
                    raise
                raise handled
            raise ValueError(f'unknown step {step!r}')
        ev = lambda x: self.eval(x, env)  # noqa: E731
        if 'set' in step:
            target = step['set']
            value = ev(step['to'])
            if isinstance(target, list):
                self.assign_target(env, target, value, label=True)
            elif '.' in target:
                head, attr = target.rsplit('.', 1)
                self.set_attr(self.lookup(head, env), attr, value)
            else:
                if isinstance(value, Traced) and value.label is None:
                    value.label = target
                self.assign(env, target, value)
        elif 'setitem' in step:
            container = ev(step['setitem'])
            key = ev(step['key'])
            value = ev(step['to'])
            if isinstance(container, Traced):
                traced_call(container, '__setitem__', [key, value])
            else:
                container[key] = value
        elif 'call' in step:
            self.eval(step, env)
        elif 'print' in step:
            values = step['print']
            values = [ev(v) for v in values] if isinstance(values, list) else [ev(values)]
            sep = ev(step['sep']) if 'sep' in step else ' '
            end = ev(step['end']) if 'end' in step else '\n'
            text = io.StringIO()
            print(*values, sep=unwrap(sep), end=unwrap(end), file=text)  # CPython's own checks of sep and end
            self.output(text.getvalue())
        elif 'write' in step:
            self.output(str(ev(step['write'])))
        elif 'sleep' in step:
            seconds = ev(step['sleep'])
            time.sleep(seconds)
            _sleeps.append({'pid': os.getpid(), 'seconds': float(seconds)})
        elif 'with' in step:
            self.exec_with(step, pointer, env)
        elif 'if' in step:
            if ev(step['if']):
                self.exec_steps(step.get('then', []), f'{pointer}/then', env)
            else:
                self.exec_steps(step.get('else', []), f'{pointer}/else', env)
        elif 'while' in step:
            while ev(step['while']):
                if not self.exec_loop_body(step, pointer, env):
                    break
        elif 'for' in step:
            for item in unwrap(ev(step['in'])):
                self.assign_target(env, step['for'], item)
                if not self.exec_loop_body(step, pointer, env):
                    break
        elif 'try' in step:
            self.exec_try(step, pointer, env)
        elif 'raise' in step:
            self.exec_raise(step, env)
        elif 'return' in step:
            raise _Return(ev(step['return']))
        elif 'expr' in step:
            ev(step['expr'])
        elif 'del' in step:
            self.exec_del(step['del'], env)
        elif 'yield' in step:
            raise ValueError('yield outside a generator body')  # call_body runs a body with a yield as a generator
        else:
            raise ValueError(f'unknown step {sorted(step)!r}')

    def exec_del(self, target, env):
        """``del name``, ``del v[k]``, ``del v[a:b:c]``, ``del v.attr``: in Python's order (v, then k)."""
        if isinstance(target, str):
            if target in env.declared:  # global x; del x: the module's variable
                if target in self.module:
                    del self.module[target]
                    return
                raise NameError(f"name '{target}' is not defined")
            if target in env:
                del env[target]
                return
            raise env.unbound(target) or NameError(f"name '{target}' is not defined")
        if 'attr' in target:
            obj = self.eval(target['of'], env)
            attr = target['attr']
            check_attribute(attr, write=True)
            if isinstance(obj, TypeView):
                raise TypeError(f"cannot set {attr!r} attribute of immutable type {obj._name()!r}")
            if _is_proxy(obj) and type(obj.obj).__name__ == 'NamespaceProxy':
                traced_call(obj, '__delattr__', [attr])
            else:
                delattr(unwrap(obj), attr)
            return
        if 'slice' in target:
            container = self.eval(target['slice'], env)
            key = self.slice_of(target, env)
        else:
            container = self.eval(target['of'], env)
            key = self.eval(target['index'], env)
        if isinstance(container, TypeView):
            raise TypeError("'type' object does not support item deletion")
        if _is_proxy(container):
            traced_call(container, '__delitem__', [key])
        else:
            del unwrap(container)[key]

    def slice_of(self, x, env):
        """The slice object of a ``slice`` expression: start, stop, step evaluated in that order (absent: None)."""
        return slice(*[self.eval(x[k], env) if k in x else None for k in ('start', 'stop', 'step')])  # a list: see 'tuple'
    def exec_raise(self, step, env):
        target = step['raise']
        if isinstance(target, str) and target.startswith('$') and not target.startswith('$$'):
            exc = self.eval(target, env)  # raise e: the value as it is (TypeError if it is no exception)
        else:
            cls = exception_class(target)
            if 'args' in step:
                exc = cls(*self.eval(step['args'], env))
            elif 'message' in step:
                exc = cls(self.eval(step['message'], env))
            else:
                exc = cls()
            try:
                exc._conformance_raised = True  # batch mode tells a scenario's KeyboardInterrupt from a real one
            except Exception:
                pass
        if 'from' in step:
            cause = self.eval(step['from'], env)
            raise exc from cause
        raise exc

    def output(self, text):
        if self.sink is not None:
            self.sink.append(text)
            return
        emit('print', text=text)
        if sys.stdout is not None:
            sys.stdout.write(text)
            sys.stdout.flush()

    def _enter(self, step, env):
        manager = self.eval(step['with'], env)
        if isinstance(manager, Traced):
            entered = traced_call(manager, '__enter__')
            leave = lambda *exc: traced_call(manager, '__exit__', list(exc))  # noqa: E731
        else:
            cls = type(manager)
            if not hasattr(cls, '__enter__'):  # CPython 3.11's with: the protocol's absence is a TypeError
                raise TypeError(f"{cls.__name__!r} object does not support the context manager protocol")
            if not hasattr(cls, '__exit__'):
                raise TypeError(f"{cls.__name__!r} object does not support the context manager protocol (missed __exit__ method)")
            entered = cls.__enter__(manager)
            leave = lambda *exc: type(manager).__exit__(manager, *exc)  # noqa: E731
        return manager, entered, leave

    def exec_with(self, step, pointer, env):
        manager, entered, leave = self._enter(step, env)
        if 'as' in step:
            self.assign(env, step['as'], entered)
        try:
            self.exec_steps(step.get('do', []), f'{pointer}/do', env)
        except _CONTROL:
            leave(None, None, None)
            raise
        except BaseException as e:
            if not leave(type(e), e, e.__traceback__):
                raise
        else:
            leave(None, None, None)

    def exec_loop_body(self, step, pointer, env):
        """Runs one iteration of a while/for body; False when it ended with break."""
        try:
            self.exec_steps(step.get('do', []), f'{pointer}/do', env)
        except _Break:
            return False
        except _Continue:
            pass
        return True

    def exec_try(self, step, pointer, env):
        try:
            try:
                self.exec_steps(step.get('try', []), f'{pointer}/try', env)
            except _CONTROL:
                raise
            except BaseException as e:
                for i, handler in enumerate(step.get('except', [])):
                    if isinstance(e, exception_class(handler['type'])):
                        if 'as' in handler:
                            self.assign(env, handler['as'], e)
                        try:
                            self.exec_steps(handler.get('do', []), f'{pointer}/except/{i}/do', env)
                        finally:
                            if 'as' in handler:  # as CPython: except E as e deletes e when the handler ends
                                env.pop(handler['as'], None)
                        break
                else:
                    raise
        finally:
            if 'finally' in step:
                self.exec_steps(step['finally'], f'{pointer}/finally', env)

    # -- values --------------------------------------------------------------------------------------------------

    def lookup(self, path, env):
        parts = path.split('.')
        value = self.name(parts[0], env)
        for attr in parts[1:]:
            value = self.get_attr(value, attr)
        return value

    def name(self, name, env):
        if name in env:
            return env[name]
        unbound = env.unbound(name) if isinstance(env, (Env, ClosureEnv)) else None
        if unbound is not None:
            raise unbound
        if name in self.module:  # a module variable, read without `global` as in Python
            return self.module[name]
        if name in self.doc.get('functions', {}) or name in self.doc.get('classes', {}):
            return user(name)
        raise NameError(f"name '{name}' is not defined")

    def get_attr(self, value, attr):
        check_attribute(attr)
        if isinstance(value, (TypeView, BuiltinValue, AliasView)):
            return value.attribute(attr)
        if attr == '__class__':
            return builtin_type(value)
        if isinstance(value, str) and attr not in STR_METHODS and attr not in READABLE_DUNDERS:
            _refuse('attribute of a str', attr)
        if _is_proxy(value) and type(value.obj).__name__ == 'NamespaceProxy':
            return traced_call(value, '__getattr__', [attr])
        return getattr(unwrap(value), attr)

    def set_attr(self, value, attr, new):
        check_attribute(attr, write=True)
        if isinstance(value, TypeView):
            raise TypeError(f"cannot set {attr!r} attribute of immutable type {value._name()!r}")
        if _is_proxy(value) and type(value.obj).__name__ == 'NamespaceProxy':
            traced_call(value, '__setattr__', [attr, new])
        else:
            setattr(unwrap(value), attr, new)

    def format(self, template, env):
        out = []
        i, n = 0, len(template)
        while i < n:
            c = template[i]
            if c == '{' and template.startswith('{{', i):
                out.append('{')
                i += 2
            elif c == '}' and template.startswith('}}', i):
                out.append('}')
                i += 2
            elif c == '{':
                j = template.index('}', i)
                field = template[i + 1:j]
                spec = ''
                if ':' in field:
                    field, spec = field.split(':', 1)
                conversion = None
                if '!' in field:
                    field, conversion = field.split('!', 1)
                value = self.lookup(field.strip(), env)
                if conversion == 'r':
                    value = repr(value)
                elif conversion == 's':
                    value = str(value)
                elif conversion is not None:
                    raise ValueError(f'Unknown conversion specifier {conversion}')
                out.append(format(value, spec) if spec else str(value))
                i = j + 1
            else:
                out.append(c)
                i += 1
        return ''.join(out)

    def eval(self, x, env):
        if isinstance(x, str):
            if x.startswith('$$'):
                return x[1:]
            if x.startswith('$'):
                return self.lookup(x[1:], env)
            return x
        if isinstance(x, list):
            return [self.eval(v, env) for v in x]
        if not isinstance(x, dict):
            return x
        ev = lambda v: self.eval(v, env)  # noqa: E731
        if 'call' in x:
            callee = x['call']
            if isinstance(callee, dict):  # {attr: method, of: <expr>}: the object first, then the arguments
                method = callee['attr']
                check_method(method)
                obj = ev(callee['of'])
                args = [ev(a) for a in x.get('args', [])]
                kwargs = {k: ev(v) for k, v in x.get('kwargs', {}).items()}
                return self.call_method(obj, method, args, kwargs)
            args = [ev(a) for a in x.get('args', [])]
            kwargs = {k: ev(v) for k, v in x.get('kwargs', {}).items()}
            return self.call(callee, args, kwargs, env)
        if 'new' in x:
            args = [ev(a) for a in x.get('args', [])]
            kwargs = {k: ev(v) for k, v in x.get('kwargs', {}).items()}
            return self.new(x['new'], args, kwargs, env)
        if 'tuple' in x:
            return tuple([ev(v) for v in x['tuple']])  # a list, not a generator: a StopIteration in an item stays one (PEP 479)
        if 'dict' in x:
            return {ev(k): ev(v) for k, v in x['dict']}
        if 'format' in x:
            return self.format(x['format'], env)
        if 'attr' in x:
            return self.get_attr(ev(x['of']), x['attr'])
        if 'index' in x:
            container = ev(x['of'])
            key = ev(x['index'])
            if isinstance(container, Traced):
                return traced_call(container, '__getitem__', [key])
            return container[key]
        if 'and' in x:
            result = True
            for v in x['and']:
                result = ev(v)
                if not result:
                    return result
            return result
        if 'or' in x:
            result = False
            for v in x['or']:
                result = ev(v)
                if result:
                    return result
            return result
        if 'not' in x:
            return not ev(x['not'])
        if 'is_none' in x:
            return unwrap(ev(x['is_none'])) is None
        if 'neg' in x:
            return _unary('-', ev(x['neg']))
        if 'pos' in x:
            return _unary('+', ev(x['pos']))
        if 'cond' in x:
            return ev(x['then']) if ev(x['cond']) else ev(x['else'])
        if 'slice' in x:
            container = ev(x['slice'])
            key = self.slice_of(x, env)
            if isinstance(container, Traced):
                return traced_call(container, '__getitem__', [key])
            return container[key]
        if 'list_comp' in x or 'dict_comp' in x:  # before the binary operators: 'in' is one of their keys
            return self.comprehension(x, env)
        if 'type' in x:
            return self.type_view(x['type'])
        if 'builtin' in x:
            if x['builtin'] not in VALUE_BUILTINS:
                _refuse('built-in value', x['builtin'])
            return BuiltinValue(x['builtin'])
        if 'lambda' in x:
            return self.make_lambda(x, env)
        for op, fn in _BINARY.items():
            if op in x:
                operands = [ev(v) for v in x[op]]
                result = operands[0]
                for operand in operands[1:]:
                    result = fn(result, operand)
                return result
        raise ValueError(f'unknown expression {sorted(x)!r}')

    def comprehension(self, x, env):
        """A list or dict comprehension: the iterable in this scope, the rest in the comprehension's own."""
        items = unwrap(self.eval(x['in'], env))
        scope = env.comprehension()
        name = x['for']
        is_list = 'list_comp' in x
        result = [] if is_list else {}
        for item in items:
            if isinstance(name, list):
                self.assign_target(scope, name, item)  # for: [k, v], unpacked as the for step's
            else:
                scope[name] = item
            if 'if' in x and not self.eval(x['if'], scope):
                continue
            if is_list:
                result.append(self.eval(x['list_comp'], scope))
            else:
                key_expr, value_expr = x['dict_comp']
                key = self.eval(key_expr, scope)
                result[key] = self.eval(value_expr, scope)
        return result

    def call_method(self, obj, method, args, kwargs):
        if isinstance(obj, Traced):
            return traced_call(obj, method, args, kwargs)
        if isinstance(obj, TypeView):
            raise AttributeError(f"type object {obj._name()!r} has no attribute {method!r}")
        if isinstance(obj, str) and method not in STR_METHODS:
            _refuse('method of a str', method)
        return getattr(obj, method)(*args, **kwargs)
    def type_view(self, name):
        """{type: T}: the view of a built-in type, an exception type or a user class, by name."""
        if name in self.doc.get('classes', {}):
            return TypeView(user(name))
        if name in EXCEPTIONS:
            return TypeView(EXCEPTIONS[name])
        if name in TYPE_NAMES:
            return TypeView(type(None) if name == 'NoneType' else getattr(__import__('builtins'), name))
        _refuse('type', name)

    def make_lambda(self, x, env):
        """``lambda params: body``: a closure over ``env`` (its variables as they are when it is called, as Python's)."""
        params = list(x.get('params', []))
        body = x['lambda']
        qualname = f'{env.qualname}.<locals>.<lambda>' if env.qualname else '<lambda>'

        def function(*args, **kwargs):
            values = bind_arguments(params, {}, args, kwargs, qualname)
            return self.eval(body, ClosureEnv(dict(zip(params, values)), env, qualname))

        function.__name__ = '<lambda>'
        function.__qualname__ = qualname
        function.__module__ = '__main__'
        return function

    def call(self, callee, args, kwargs, env):
        if callee in DOTTED_BUILTINS:  # sys.exit, os.getpid, ...: sys, os and time are never variables
            return BUILTINS[callee](*args, **kwargs)
        if '.' in callee:
            head, method = callee.rsplit('.', 1)
            check_method(method)
            return self.call_method(self.lookup(head, env), method, args, kwargs)
        if callee in env:
            return unwrap(env[callee])(*args, **kwargs)
        unbound = env.unbound(callee) if isinstance(env, (Env, ClosureEnv)) else None
        if unbound is not None:
            raise unbound
        if callee in self.module:
            return unwrap(self.module[callee])(*args, **kwargs)
        if callee in self.doc.get('functions', {}) or callee in self.doc.get('classes', {}):
            return user(callee)(*args, **kwargs)
        if callee in BUILTINS:
            return BUILTINS[callee](*args, **kwargs)
        raise NameError(f"name '{callee}' is not defined")

    def new(self, type_name, args, kwargs, env):
        if type_name in EXCEPTIONS or (type_name in self.doc.get('classes', {})
                                       and self.doc['classes'][type_name].get('base') in EXCEPTIONS):
            return exception_class(type_name)(*args, **kwargs)  # an exception value, T(*args)
        if type_name in self.doc.get('classes', {}):
            cls = user(type_name)
            instance = cls(*args, **kwargs)
            if issubclass(cls, multiprocessing.Process):
                return Traced(instance, 'Process')
            return instance
        if type_name == 'Process':
            args, kwargs = _process_arguments(args, kwargs)
            return Traced(multiprocessing.Process(*args, **kwargs), 'Process')
        if type_name in SHARED_TYPES:
            return _new_shared(type_name, args, kwargs)
        if type_name == 'Condition':
            args = [unwrap(a) for a in args]
            kwargs = {k: unwrap(v) for k, v in kwargs.items()}
        return Traced(FACTORIES[type_name](*args, **kwargs), type_name)


# ----------------------------------------------------------------------------------------------------------------
# The runner
# ----------------------------------------------------------------------------------------------------------------

def run(scenario_path, trace_path, python_executable):
    """Run the scenario's main with CPython's multiprocessing (spawn); return 0, or 3 if main raised."""
    global _document, _interpreter
    scenario_path = os.path.abspath(scenario_path)
    trace_path = os.path.abspath(trace_path)
    os.environ['CONFORMANCE_SCENARIO'] = scenario_path
    os.environ['CONFORMANCE_TRACE'] = trace_path
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)  # spawn children get sys.path in their preparation data
    if not getattr(sys, 'argv', None):
        sys.argv = ['']  # spawn's preparation data reads sys.argv; embedded interpreters may lack it
    if '__main__' not in sys.modules:  # spawn's preparation data reads the main module (none to re-run here)
        import types
        sys.modules['__main__'] = types.ModuleType('__main__')
    multiprocessing.util._exiting = False  # a previous run() in this interpreter already ran the exit function
    multiprocessing.set_start_method('spawn', force=True)
    multiprocessing.set_executable(python_executable)
    _document = None
    _interpreter = None
    interp = interpreter()
    emit('meta', backend=f'cpython-{platform.python_version()}', cpu_count=multiprocessing.cpu_count())

    error_line = None
    try:
        interp.exec_steps(interp.doc['main'], '/main', interp.module)
    except SystemExit as e:
        # sys.exit in main ends main as in a real program (the exit handling below still runs); a code that is not
        # None or an int is printed on stderr, as CPython does. The runner's own exit code stays "main finished".
        if e.code is not None and not isinstance(e.code, int):
            print(e.code, file=sys.stderr, flush=True)
    except BaseException as e:  # noqa: B902 - report anything main raises, like an uncaught exception would
        traceback.print_exc()
        pointer = getattr(e, '_conformance_pointer', None) or interp.pointer
        error_line = f'scenario error at {pointer}: {type(e).__name__}: {e}'
    finally:
        # What CPython runs for multiprocessing at interpreter exit: finalizers with priority >= 0 (pool terminate,
        # queue close, manager shutdown, semaphore unlink), terminate daemon children, join the other children,
        # then the remaining finalizers (queue feeder joins).
        multiprocessing.util._exit_function()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    if error_line is not None:
        print(error_line, file=sys.stderr, flush=True)
        return 3
    return 0

# ----------------------------------------------------------------------------------------------------------------
# Batch mode: many single-process programs in one interpreter (the language fuzzer, harness/Fuzzing)
# ----------------------------------------------------------------------------------------------------------------
# A process per program costs most of a second; a fuzzer runs thousands. Batch mode runs each document's main in
# this process, one after the other, with the same Interpreter (so the same safety checks), and records what it
# printed and the uncaught error. Only single-process documents are accepted: making a process or any primitive
# would leave state (children, semaphores, feeders) behind for the next program, so such a document is refused.

def batch_refusal(doc):
    """Why ``doc`` cannot run in batch mode (it makes a process or a primitive), or None."""
    classes = doc.get('classes', {}) if isinstance(doc, dict) else {}
    for name, spec in classes.items():
        if isinstance(spec, dict) and spec.get('base') == 'Process':
            return f'class {name} is a Process'

    def walk(node):
        if isinstance(node, dict):
            made = node.get('new')
            if isinstance(made, str) and made not in classes:
                return f'new: {made}'
            for value in node.values():
                found = walk(value)
                if found:
                    return found
        elif isinstance(node, list):
            for value in node:
                found = walk(value)
                if found:
                    return found
        return None

    return walk(doc)


def _reset_program(doc):
    """Forget the previous program: its document, interpreter and the user definitions cached in conformance_user."""
    global _document, _interpreter
    _document = doc
    _interpreter = None
    import conformance_user
    for name in list(vars(conformance_user)):
        if not name.startswith('__'):
            delattr(conformance_user, name)


def run_program(doc):
    """Runs one single-process document in this process; returns {'output': printed text, 'error': 'T: msg' or None}."""
    refusal = batch_refusal(doc)
    if refusal is not None:
        return {'output': '', 'error': None, 'refused': refusal}
    _reset_program(doc)
    interp = interpreter()
    interp.sink = []
    error = None
    try:
        interp.exec_steps(doc['main'], '/main', interp.module)
    except _CONTROL as e:
        error = f'{type(e).__name__}: control flow escaped main'
    except BaseException as e:  # noqa: B902 - an uncaught error ends the program; it is part of the result
        if isinstance(e, KeyboardInterrupt) and not getattr(e, '_conformance_raised', False):
            raise  # a real Ctrl-C, not a scenario's raise: KeyboardInterrupt
        error = f'{type(e).__name__}: {e}'
    finally:
        _reset_program(None)
    return {'output': ''.join(interp.sink), 'error': error}


def run_batch(in_path, out_path):
    """Reads one document per line (JSON) and writes one result per line, flushed ('-' is stdin / stdout)."""
    os.environ.pop('CONFORMANCE_TRACE', None)  # nothing of a batch goes to a trace
    os.environ.pop('CONFORMANCE_SCENARIO', None)
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    source = sys.stdin if in_path == '-' else open(in_path, encoding='utf-8')
    sink = sys.stdout if out_path == '-' else open(out_path, 'w', encoding='utf-8')
    try:
        for line in source:
            if not line.strip():
                continue
            result = run_program(json.loads(line))
            sink.write(json.dumps(result) + '\n')
            sink.flush()
    finally:
        if source is not sys.stdin:
            source.close()
        if sink is not sys.stdout:
            sink.close()
    return 0


if __name__ == '__main__':
    # Use the module through its import name, so everything pickles as conformance_runner.X, not __main__.X.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import conformance_runner
    if len(sys.argv) == 4 and sys.argv[1] == '--batch':
        try:
            # A generated (or reduced) program may build a value of gigabytes ('a' * 3037000500): past 4 GiB of address
            # space it is CPython's MemoryError, as the C# interpreter's, not the OOM killer ending the batch. Only in
            # this process of its own: embedded in .NET (Conformance.Backend.CPython) the limit would be the runtime's.
            import resource
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = 4 << 30
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        except (ImportError, ValueError, OSError):
            pass
        sys.exit(conformance_runner.run_batch(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 3:
        print('usage: conformance_runner.py scenario.json trace.jsonl\n'
              '       conformance_runner.py --batch programs.jsonl results.jsonl   (- for stdin/stdout)', file=sys.stderr)
        sys.exit(2)
    sys.exit(conformance_runner.run(sys.argv[1], sys.argv[2], sys.executable))
