// The report's timelines: one SVG per scenario, every backend's trace on one time scale, one lane per process.
// The data is hostile text: it is only ever written with textContent and setAttribute (never as markup).
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var LABEL = 220, LANE = 20, HEAD = 20, AXIS = 18, MIN_WIDTH = 760;
  // A wait that returns False after being given a timeout, or a get/put that raised Empty/Full, timed out.
  var WAIT_OPS = { acquire: 1, wait: 1, wait_for: 1 };
  var TIMEOUT_ERRORS = { Empty: 1, Full: 1, TimeoutError: 1 };
  window.__renderTimes = [];

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }

  function tip(e, text) {
    var t = document.createElementNS(SVGNS, 'title');
    t.textContent = text;
    e.appendChild(t);
  }

  function fmt(ms) {
    if (Math.abs(ms) < 1) return (ms * 1000).toFixed(0) + ' µs';
    if (Math.abs(ms) < 1000) return ms.toFixed(Math.abs(ms) < 10 ? 2 : 1) + ' ms';
    return (ms / 1000).toFixed(2) + ' s';
  }

  function niceStep(raw) {
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = [1, 2, 5, 10];
    for (var i = 0; i < m.length; i++) if (m[i] * p >= raw) return m[i] * p;
    return 10 * p;
  }

  function describe(e) {
    // [index, ms, pid, proc, ev, obj, op, detail]
    var what = e[4];
    if (e[4] === 'call') what = 'call ' + e[5] + '.' + e[6] + '(' + e[7] + ')';
    else if (e[4] === 'return') what = 'return ' + e[5] + '.' + e[6] + '() -> ' + e[7];
    else if (e[4] === 'raise') what = 'raise ' + e[5] + '.' + e[6] + '() !' + e[7];
    else if (e[4] === 'print') what = 'print ' + JSON.stringify(e[7]);
    else if (e[4] === 'crash') what = 'crash ' + e[7];
    return '#' + e[0] + ' ' + e[3] + ' (pid ' + e[2] + ') ' + what + ' at +' + (e[1] / 1000).toFixed(6) + 's';
  }

  // Lanes (one per pid, in order of appearance), bars (call → return/raise, or to the end when none came) and marks.
  function model(result) {
    var ev = result.events, lanes = [], laneOf = {}, bars = [], marks = [], open = {}, hl = {};
    result.invariants.forEach(function (inv) { inv.events.forEach(function (i) { hl[i] = inv.name; }); });
    var end = ev.length ? ev[ev.length - 1][1] : 0;
    for (var k = 0; k < ev.length; k++) {
      var e = ev[k];
      if (e[4] === 'meta') continue;
      var lane = laneOf[e[2]];
      if (lane === undefined) {
        lane = laneOf[e[2]] = lanes.length;
        lanes.push({ pid: e[2], name: e[3] });
      }
      var key = e[2] + '\u0000' + e[5] + '\u0000' + e[6];
      if (e[4] === 'call') {
        (open[key] = open[key] || []).push({ lane: lane, e: e });
      } else if (e[4] === 'return' || e[4] === 'raise') {
        var c = open[key] && open[key].pop();
        var timedOut = (e[4] === 'raise' && TIMEOUT_ERRORS[e[7].split(':')[0]] === 1) ||
          (e[4] === 'return' && e[7] === 'False' && WAIT_OPS[e[6]] === 1 && !!c && c.e[7] !== '');
        bars.push({
          lane: lane, t0: c ? c.e[1] : e[1], t1: e[1], call: c ? c.e : null, ret: e,
          cls: timedOut ? 'timedout' : e[4] === 'raise' ? 'raise' : '',
          hl: hl[e[0]] !== undefined || (!!c && hl[c.e[0]] !== undefined),
          callHl: !!c && hl[c.e[0]] !== undefined, retHl: hl[e[0]] !== undefined,
          inv: hl[e[0]] !== undefined ? hl[e[0]] : c ? hl[c.e[0]] : undefined
        });
      } else {
        marks.push({ lane: lane, t: e[1], e: e, hl: hl[e[0]] !== undefined, inv: hl[e[0]] });
      }
    }
    Object.keys(open).forEach(function (key) {
      open[key].forEach(function (c) {
        bars.push({ lane: c.lane, t0: c.e[1], t1: end, call: c.e, ret: null, cls: 'open', hl: hl[c.e[0]] !== undefined, callHl: hl[c.e[0]] !== undefined, retHl: false, inv: hl[c.e[0]] });
      });
    });
    // Outer calls first, so a call made inside another (a wait inside a join) is drawn on top of it, a little thinner.
    bars.sort(function (a, b) { return a.t0 - b.t0 || b.t1 - a.t1; });
    var active = lanes.map(function () { return []; });
    bars.forEach(function (b) {
      var open = active[b.lane].filter(function (t1) { return t1 > b.t0; });
      b.depth = Math.min(3, open.length);
      open.push(b.t1);
      active[b.lane] = open;
    });
    return { lanes: lanes, bars: bars, marks: marks, end: end };
  }

  function draw(box, results, models, st) {
    var width = Math.max(MIN_WIDTH, box.clientWidth || 1000);
    var plot = width - LABEL - 12;
    var scale = plot / (st.to - st.from);
    var x = function (t) { return LABEL + (t - st.from) * scale; };
    var height = AXIS;
    models.forEach(function (m) { height += HEAD + Math.max(1, m.lanes.length) * LANE + 6; });
    var svg = el('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height });
    var clip = 'clip-' + box.getAttribute('data-index');
    el('rect', { x: LABEL, y: 0, width: plot + 12, height: height }, el('clipPath', { id: clip }, el('defs', {}, svg)));
    var axis = el('g', { 'class': 'axis' }, svg);
    var step = niceStep((st.to - st.from) / 8);
    for (var t = Math.ceil(st.from / step) * step; t <= st.to; t += step) {
      var X = x(t);
      el('line', { x1: X, x2: X, y1: AXIS - 4, y2: height }, axis);
      el('text', { x: X + 2, y: AXIS - 6 }, axis).textContent = fmt(t);
    }
    var y = AXIS;
    models.forEach(function (m, r) {
      var res = results[r];
      var g = el('g', { 'class': 'backend', 'data-backend': res.backend, 'data-verdict': res.verdict }, svg);
      el('text', { x: 4, y: y + 14, 'class': 'backend-title' }, g).textContent =
        res.backend + ': ' + res.verdict + (res.note ? ' (' + res.note + ')' : '');
      y += HEAD;
      var laneY = [];
      var layers = m.lanes.map(function (lane, li) {
        var ly = y + li * LANE;
        laneY.push(ly);
        var lg = el('g', { 'class': 'lane', 'data-pid': lane.pid, 'data-proc': lane.name }, g);
        el('rect', { x: 0, y: ly, width: width, height: LANE, fill: li % 2 ? '#f7f8fa' : '#ffffff' }, lg);
        el('text', { x: 4, y: ly + 14, 'class': 'lane-label' }, lg).textContent = lane.name + ' (pid ' + lane.pid + ')';
        return el('g', { 'clip-path': 'url(#' + clip + ')' }, lg);
      });
      m.bars.forEach(function (b) {
        if (b.t1 < st.from || b.t0 > st.to) return;
        var x0 = Math.max(LABEL - 2, x(b.t0)), x1 = Math.min(width, x(b.t1));
        var rect = el('rect', {
          x: x0, y: laneY[b.lane] + 4 + 1.5 * b.depth, width: Math.max(1.5, x1 - x0), height: LANE - 8 - 3 * b.depth,
          'class': 'bar' + (b.cls ? ' ' + b.cls : '') + (b.hl ? ' hl' : ''),
          'data-i': (b.call || b.ret)[0], 'data-j': (b.ret || b.call)[0]
        }, layers[b.lane]);
        if (b.inv !== undefined) rect.setAttribute('data-invariant', b.inv);
        // A ring around each named end of the bar: a short call is a sliver, the ring is what the eye finds.
        if (b.call && b.callHl) el('circle', { cx: x(b.t0), cy: laneY[b.lane] + LANE / 2, r: 7, 'class': 'hl-ring' }, layers[b.lane]);
        if (b.ret && b.retHl) el('circle', { cx: x(b.t1), cy: laneY[b.lane] + LANE / 2, r: 7, 'class': 'hl-ring' }, layers[b.lane]);
        var text = (b.call ? describe(b.call) : '(no call traced)') + '\n' + (b.ret ? describe(b.ret) : res.timedOut ? 'no return: still waiting when the run timed out' : 'no return before the trace ends');
        tip(rect, text);
        if (b.cls === 'timedout' || (b.cls === 'open' && res.timedOut)) {
          el('text', { x: x1 + 1, y: laneY[b.lane] + 14, 'class': 'timeout-mark' }, layers[b.lane]).textContent = 'T/O';
        }
      });
      m.marks.forEach(function (mk) {
        if (mk.t < st.from || mk.t > st.to) return;
        var X = x(mk.t), ly = laneY[mk.lane], e = mk.e, shape;
        if (e[4] === 'print') shape = el('circle', { cx: X, cy: ly + LANE / 2, r: mk.hl ? 5 : 3.5, 'class': 'print' }, layers[mk.lane]);
        else if (e[4] === 'begin' || e[4] === 'end') shape = el('line', { x1: X, x2: X, y1: ly + 2, y2: ly + LANE - 2, 'class': e[4] }, layers[mk.lane]);
        else if (e[4] === 'crash') shape = el('path', { d: 'M' + (X - 4) + ' ' + (ly + 5) + 'l8 10m0 -10l-8 10', 'class': 'crash' }, layers[mk.lane]);
        else shape = el('circle', { cx: X, cy: ly + LANE / 2, r: 2, 'class': 'other' }, layers[mk.lane]);
        shape.setAttribute('class', shape.getAttribute('class') + ' ev-' + e[4] + (mk.hl ? ' hl' : ''));
        shape.setAttribute('data-i', e[0]);
        if (mk.inv !== undefined) shape.setAttribute('data-invariant', mk.inv);
        tip(shape, describe(e));
        if (mk.hl) el('circle', { cx: X, cy: ly + LANE / 2, r: 7, 'class': 'hl-ring' }, layers[mk.lane]);
      });
      y += Math.max(1, m.lanes.length) * LANE + 6;
    });
    var old = box.querySelector('svg');
    if (old) box.replaceChild(svg, old); else box.appendChild(svg);
    return { svg: svg, plot: plot };
  }

  function legend(box, results) {
    var tools = document.createElement('div');
    tools.className = 'tools';
    ['zoom in', 'zoom out', 'reset'].forEach(function (label) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.setAttribute('data-action', label);
      tools.appendChild(b);
    });
    var hint = document.createElement('span');
    hint.className = 'legend';
    hint.textContent = 'wheel: zoom · drag: pan · bars: call → return (blue), → raise (orange), timed out (yellow, T/O), no return (grey) · dots: prints · green/black ticks: begin/end · red: named by a failing invariant';
    tools.appendChild(hint);
    box.appendChild(tools);
    results.forEach(function (res) {
      if (res.invariants.length === 0) return;
      var ul = document.createElement('ul');
      ul.className = 'hl-list';
      ul.setAttribute('data-backend', res.backend);
      res.invariants.forEach(function (inv) {
        var li = document.createElement('li');
        li.textContent = res.backend + ': invariant ' + inv.name + ' (' + inv.kind + ') failed; it names ' +
          (inv.events.length ? 'events #' + inv.events.join(', #') : 'no event');
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }

  function render(box) {
    if (box.__state) return;
    var started = performance.now();
    var index = +box.getAttribute('data-index');
    var results = data[index];
    var models = results.map(model);
    var span = Math.max(0.001, Math.max.apply(null, models.map(function (m) { return m.end; }).concat([0]))) * 1.02;
    var st = box.__state = { from: 0, to: span, span: span };
    legend(box, results);
    var drawn = draw(box, results, models, st);
    var events = results.reduce(function (n, r) { return n + r.events.length; }, 0);
    var ms = performance.now() - started;
    box.setAttribute('data-render-ms', ms.toFixed(1));
    window.__renderTimes.push({ index: index, ms: ms, events: events });

    var pending = false;
    function redraw() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; drawn = draw(box, results, models, st); hook(); });
    }
    function zoom(factor, at) {
      var w = st.to - st.from, nw = Math.min(st.span, Math.max(0.001, w * factor));
      var from = at - (at - st.from) * (nw / w);
      st.from = Math.max(0, Math.min(from, st.span - nw));
      st.to = st.from + nw;
      redraw();
    }
    box.querySelector('.tools').addEventListener('click', function (ev) {
      var action = ev.target && ev.target.getAttribute && ev.target.getAttribute('data-action');
      var mid = (st.from + st.to) / 2;
      if (action === 'zoom in') zoom(0.5, mid);
      else if (action === 'zoom out') zoom(2, mid);
      else if (action === 'reset') { st.from = 0; st.to = st.span; redraw(); }
    });
    var drag = null;
    function hook() {
      drawn.svg.addEventListener('wheel', function (ev) {
        ev.preventDefault();
        var rect = drawn.svg.getBoundingClientRect();
        var at = st.from + (ev.clientX - rect.left - LABEL) / drawn.plot * (st.to - st.from);
        zoom(ev.deltaY < 0 ? 0.8 : 1.25, Math.max(st.from, Math.min(st.to, at)));
      }, { passive: false });
      drawn.svg.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, from: st.from, to: st.to }; ev.preventDefault(); });
    }
    window.addEventListener('mousemove', function (ev) {
      if (!drag) return;
      var dt = (ev.clientX - drag.x) / drawn.plot * (drag.to - drag.from);
      var w = drag.to - drag.from;
      st.from = Math.max(0, Math.min(drag.from - dt, st.span - w));
      st.to = st.from + w;
      redraw();
    });
    window.addEventListener('mouseup', function () { drag = null; });
    hook();
  }

  document.querySelectorAll('details.scenario').forEach(function (d) {
    var box = d.querySelector('.timeline');
    if (d.open) render(box);
    d.addEventListener('toggle', function () { if (d.open) render(box); });
  });
  document.body.setAttribute('data-ready', 'true');
})();
