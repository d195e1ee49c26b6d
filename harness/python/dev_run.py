"""Developer self-check (not part of the harness): run YAML scenarios on the CPython backend, standalone.

    python3 harness/python/dev_run.py scenarios/tutorial/01-queue-user-object.yaml [more.yaml ...] [-n RUNS] [-q]

For each run: converts the YAML to JSON (PyYAML, for development only: the real harness converts with the YAML 1.2
core schema in C#), runs ``conformance_runner.py`` in a fresh interpreter, prints the raw transcript from the trace,
then a rough Python rendition of the documented output normalisation and invariant checks, so a scenario's
stability can be judged before the C# harness exists. At the end it reports whether every run normalised to the
same text, and any leftover /dev/shm entries.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, 'conformance_runner.py')


def load(path):
    with open(path, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    sid = os.path.relpath(os.path.abspath(path), os.path.join(HERE, '..', '..', 'scenarios'))
    doc['id'] = os.path.splitext(sid)[0]
    return doc


def read_trace(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


# -- a rough evaluator for `value` expressions in output rules and invariants (only what they need) ----------------

def value_of(expr, cpu):
    if isinstance(expr, str) and expr == '$cpu_count':
        return cpu
    if isinstance(expr, dict):
        for op, fn in {'mul': lambda a, b: a * b, 'add': lambda a, b: a + b, 'sub': lambda a, b: a - b}.items():
            if op in expr:
                a, b = (value_of(v, cpu) for v in expr[op])
                return fn(a, b)
    if isinstance(expr, list):
        return [value_of(v, cpu) for v in expr]
    return expr


def net_replace(replacement):
    return re.sub(r'\$(\d+)', r'\\\1', replacement)


def normalise(events, output, cpu):
    pids = {}
    for e in events:
        pids.setdefault(e['pid'], f'Pid_{len(pids) + 1}')
    text = ''.join(e['text'] for e in events if e['ev'] == 'print')
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    out = []
    for line in lines:
        line = re.sub(r'0x[0-9a-fA-F]+', '0xADDR', line)
        for pid, token in pids.items():
            line = re.sub(rf'\b{pid}\b', token, line)
        for rule in output.get('scrub', []):
            if 'in' in rule and not re.search(rule['in'], line):
                continue
            if 'regex' in rule:
                line = re.sub(rule['regex'], net_replace(rule['replace']), line)
            else:
                line = re.sub(rf'\b{value_of(rule["value"], cpu)}\b', rule['token'], line)
        out.append(line)
    for group in output.get('sort', []):
        idx = [i for i, l in enumerate(out) if any(re.search(g, l) for g in group)]
        vals = sorted((out[i] for i in idx), key=lambda s: s.encode('utf-16-be'))
        for i, v in zip(idx, vals):
            out[i] = v
    collapsed = []
    for line in out:
        if collapsed and collapsed[-1] == line and any(re.search(c, line) for c in output.get('collapse', [])):
            continue
        collapsed.append(line)
    return '\n'.join(collapsed) + '\n'


def glob_to_regex(g):
    return '^' + re.escape(g).replace(r'\*', '.*').replace(r'\?', '.') + '$'


def matches(sel, e):
    if 'process' in sel:
        name = 'MainProcess' if sel['process'] == 'main' else sel['process']
        if not re.match(glob_to_regex(name), e['proc']):
            return False
    if 'ev' in sel and e['ev'] != sel['ev']:
        return False
    if 'obj' in sel and e.get('obj') != sel['obj']:
        return False
    if 'op' in sel:
        ops = sel['op'] if isinstance(sel['op'], list) else [sel['op']]
        if e.get('op') not in ops:
            return False
    if 'text' in sel and (e['ev'] != 'print' or not re.search(sel['text'], e['text'].removesuffix('\n'))):
        return False
    if 'result' in sel and e.get('result') != sel['result']:
        return False
    if 'error' in sel and e.get('error') != sel['error']:
        return False
    return True


def check(inv, events, cpu):
    kind = next(k for k in inv if k != 'name')
    spec = inv[kind]
    sel = lambda s: [i for i, e in enumerate(events) if matches(s, e)]  # noqa: E731
    if kind == 'before':
        first, then = sel(spec['first']), sel(spec['then'])
        if not first or not then:
            return 'no event matched'
        q = spec.get('quantifier', 'all')
        for t in then:
            if q == 'all' and not all(f < t for f in first):
                return f'event {t} has a first event after it'
            if q == 'any' and not any(f < t for f in first):
                return f'event {t} has no first event before it'
        return None
    if kind == 'count':
        n = len(sel(spec['of']))
        for k, op in (('equals', int.__eq__), ('at_least', int.__ge__), ('at_most', int.__le__)):
            if k in spec and not op(n, value_of(spec[k], cpu)):
                return f'count {n}, expected {k} {value_of(spec[k], cpu)}'
        return None if n or spec.get('equals') == 0 else 'no event matched'
    if kind in ('mutual_exclusion', 'max_concurrent'):
        n = 1 if kind == 'mutual_exclusion' else spec['n']
        inside, peak, seen = set(), 0, False
        for e in events:
            key = e['pid']
            if matches(spec['enter'], e):
                inside.add(key)
                seen = True
                peak = max(peak, len(inside))
            elif matches(spec['exit'], e):
                inside.discard(key)
        if not seen:
            return 'no event matched'
        if peak > n:
            return f'{peak} inside at once'
        if spec.get('reached') and peak != n:
            return f'peak {peak}, never reached {n}'
        return None
    if kind == 'exactly_once':
        got = []
        for i in sel(spec['of']):
            m = re.search(spec['of']['text'], events[i]['text'].removesuffix('\n'))
            got.append(m.group(spec.get('capture', 1)))
        want = [str(v) for v in value_of(spec['values'], cpu)]
        return None if sorted(got) == sorted(want) else f'captured {sorted(got)}'
    if kind == 'program_order':
        by_pid = {}
        for e in events:
            for k, s in enumerate(spec):
                if matches(s, e):
                    by_pid.setdefault(e['pid'], []).append(k)
        if not by_pid:
            return 'no event matched'
        for pid, ks in by_pid.items():
            if ks != sorted(ks):
                return f'pid {pid}: order {ks}'
        return None
    if kind == 'min_elapsed':
        found = False
        for i, e in enumerate(events):
            if matches(spec['from'], e):
                for f in events[i + 1:]:
                    if f['pid'] == e['pid'] and matches(spec['to'], f):
                        found = True
                        dt = (f['t'] - e['t']) / 1e9
                        if dt < spec['seconds']:
                            return f'only {dt:.3f}s elapsed'
                        break
        return None if found else 'no event matched'
    return f'unknown invariant kind {kind}'


def shm_entries():
    try:
        return set(os.listdir('/dev/shm'))
    except OSError:
        return set()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('files', nargs='+')
    ap.add_argument('-n', type=int, default=1, help='runs per scenario')
    ap.add_argument('-q', action='store_true', help='do not print raw transcripts')
    args = ap.parse_args()
    ok = True
    for path in args.files:
        doc = load(path)
        normalised = {}
        for k in range(args.n):
            with tempfile.TemporaryDirectory() as tmp:
                jpath = os.path.join(tmp, 'scenario.json')
                tpath = os.path.join(tmp, 'trace.jsonl')
                with open(jpath, 'w', encoding='utf-8') as f:
                    json.dump(doc, f)
                shm_before = shm_entries()
                t0 = time.monotonic()
                proc = subprocess.run([sys.executable, RUNNER, jpath, tpath], capture_output=True, text=True,
                                      timeout=doc.get('timeout', 60))
                dt = time.monotonic() - t0
                events = read_trace(tpath)
                leaked = shm_entries() - shm_before
            cpu = events[0]['cpu_count']
            print(f'=== {doc["id"]} run {k + 1}: exit {proc.returncode}, {dt:.2f}s, {len(events)} events')
            if proc.returncode != 0 or proc.stderr.strip():
                ok = ok and proc.returncode == 0
                print('--- stderr:\n' + proc.stderr)
            if not args.q:
                print('--- raw transcript:')
                print(''.join(e['text'] for e in events if e['ev'] == 'print'), end='')
            text = normalise(events, doc.get('output', {}), cpu)
            normalised.setdefault(text, []).append(k + 1)
            for inv in doc.get('invariants', []):
                failure = check(inv, events, cpu)
                if failure:
                    ok = False
                    print(f'!!! invariant {inv["name"]} failed: {failure}')
            if leaked:
                print(f'!!! /dev/shm leftovers: {sorted(leaked)}')
        print(f'--- {len(normalised)} distinct normalised transcript(s) over {args.n} run(s):')
        for text, runs in normalised.items():
            print(f'runs {runs}:\n{text}')
        ok = ok and len(normalised) == 1
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
