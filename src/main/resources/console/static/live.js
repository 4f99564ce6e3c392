// The run page's live view: polls the run's state (JSON, same origin, the session's cookie) and redraws the hosts'
// table and counts with text nodes only (no markup from data), until the run ends; then shows the report link.
(function () {
  'use strict';
  var root = document.getElementById('run-live');
  if (!root || root.getAttribute('data-running') !== 'true') {
    return;
  }
  var url = root.getAttribute('data-state-url');
  var timer = null;

  function setText(id, value) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = value == null ? '' : String(value);
    }
  }

  function cell(tr, value, className) {
    var td = document.createElement('td');
    if (className) {
      td.className = className;
    }
    td.textContent = value == null ? '' : String(value);
    tr.appendChild(td);
    return td;
  }

  function render(run) {
    setText('run-status', run.status);
    document.getElementById('run-status').className = 'status status-' + String(run.status).toLowerCase();
    setText('run-duration', run.duration);
    var rows = document.createDocumentFragment();
    (run.waves || []).forEach(function (wave) {
      (wave.hosts || []).forEach(function (h) {
        var tr = document.createElement('tr');
        tr.setAttribute('data-host', h.host);
        tr.className = 'tone-' + h.tone;
        cell(tr, wave.wave);
        var hostCell = cell(tr, '');
        var a = document.createElement('a');
        a.href = '/console/hosts/' + encodeURIComponent(h.host);
        a.textContent = h.host;
        hostCell.appendChild(a);
        cell(tr, h.state, 'state');
        cell(tr, h.detail);
        cell(tr, h.recorded_at);
        rows.appendChild(tr);
      });
    });
    document.getElementById('run-host-rows').replaceChildren(rows);
    var counts = document.createDocumentFragment();
    Object.keys(run.counts || {}).forEach(function (state) {
      var span = document.createElement('span');
      span.className = 'pill';
      span.textContent = state + ' \u00d7 ' + run.counts[state];
      counts.appendChild(span);
    });
    document.getElementById('run-counts').replaceChildren(counts);
    if (!run.running) {
      stop();
      document.getElementById('report').classList.remove('hidden');
      var abort = document.getElementById('abort-card');
      if (abort) {
        abort.classList.add('hidden');
      }
    }
  }

  function stop() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    var note = document.getElementById('live-note');
    if (note) {
      note.classList.add('hidden');
    }
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json', 'X-Console-Poll': '1' } })
      .then(function (response) {
        if (response.status === 401) {
          stop();
          setText('run-duration', 'your session has ended: log in again to follow this run');
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (run) {
        if (run) {
          render(run);
        }
      })
      .catch(function () { /* the next poll tries again */ });
  }

  timer = setInterval(poll, 1500);
  poll();
}());
