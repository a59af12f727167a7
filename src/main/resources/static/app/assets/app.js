// The seller's page: Sync Orders without leaving the page, and its live progress (polls the run's JSON until it ends).
// Without this script the forms still work (the server redirects and shows the run).
(function () {
  'use strict';

  function show(el, text, state) {
    el.textContent = text;
    if (state) el.setAttribute('data-state', state); else el.removeAttribute('data-state');
  }

  function follow(el, url) {
    el.setAttribute('data-progress-url', url);
    var poll = function () {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
        .then(function (run) {
          show(el, run.text, run.status);
          if (run.running) {
            setTimeout(poll, 700);
          } else {
            el.removeAttribute('data-progress-url');
            // The history and last sync time come from the server: reload the page on this run.
            setTimeout(function () {
              window.location.assign(window.location.pathname + '?run=' + encodeURIComponent(run.runId));
            }, 1200);
          }
        })
        .catch(function (e) { show(el, 'Progress unavailable (' + e.message + '); reload the page to see the run.', 'UNKNOWN'); });
    };
    poll();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var progress = document.getElementById('sync-progress');
    if (!progress) return;
    var running = progress.getAttribute('data-progress-url');
    if (running) follow(progress, running);

    var form = document.querySelector('form[data-sync]');
    var message = document.getElementById('sync-message');
    if (!form) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button');
      button.disabled = true;
      message.hidden = true;
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)).toString()
      }).then(function (r) {
        return r.json().then(function (body) { return { status: r.status, body: body }; });
      }).then(function (answer) {
        button.disabled = false;
        if (answer.status === 202) {
          show(progress, answer.body.message, 'RUNNING');
          follow(progress, answer.body.progressUrl);
        } else {
          // 409 (a sync already running, or the account not connected) and the rest, in words.
          message.textContent = answer.body.message;
          message.setAttribute('data-status', String(answer.status));
          message.hidden = false;
        }
      }).catch(function (e) {
        button.disabled = false;
        message.textContent = 'The sync could not be started (' + e.message + '); try again.';
        message.hidden = false;
      });
    });
  });
})();
