"""The CPython backend's default runner: ``python3 run_scenario.py scenario.json trace.jsonl``.

It does what the embedded runner (Conformance.Backend.CPython, .NET hosting libpython through pythonnet) does, without
the start-up of .NET and pythonnet, which was most of a CPython run's overhead: ``__main__`` is an empty module (spawn's
preparation data then names no main script for children to re-run, and nothing pickles as ``__main__.X``), ``argv`` is
``['']``, ``conformance_runner.run`` runs the scenario with ``sys.executable`` as the children's interpreter, and the
process ends with ``os._exit`` once ``run`` has done multiprocessing's exit handling and flushed. Exit codes are
``run``'s (0 main finished, 3 main raised), 1 when the interpreter module itself fails, 2 usage.
"""

import os
import sys
import types

if __name__ == '__main__':
    if len(sys.argv) != 3:
        print('usage: run_scenario.py scenario.json trace.jsonl', file=sys.stderr)
        sys.exit(2)
    scenario_path, trace_path = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.argv = ['']
    sys.modules['__main__'] = types.ModuleType('__main__')
    try:
        import conformance_runner
        code = conformance_runner.run(scenario_path, trace_path, sys.executable)
    except BaseException:  # noqa: B902 - the module's own failure, as the embedded runner reports it
        import traceback
        print('the CPython runner failed:', traceback.format_exc(), file=sys.stderr, flush=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)
