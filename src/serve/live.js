// Added by `prepbook serve` to every page it sends, never to a built site. It listens for
// rebuilds: after a successful one the page reloads; after a failed one the errors are shown
// over the page (which stays the last version that built) until a rebuild succeeds.
(function () {
  'use strict';
  var script = document.currentScript;
  var shownBuild = script ? script.getAttribute('data-build') : null;
  var overlay = null;
  // The page's UI strings (the theme's text.js), in English when the page has none.
  function t(key, english, values) {
    return window.PrepbookText ? window.PrepbookText(key, english, values)
      : english.replace('{n}', values && values.n);
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(errors) {
    hide();
    overlay = document.createElement('div');
    overlay.id = 'prepbook-errors';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = [
      'position:fixed', 'inset:0 0 auto 0', 'max-height:80vh', 'overflow:auto', 'z-index:2147483647',
      'margin:0', 'padding:16px 20px', 'background:#1d1f21', 'color:#f2f2f2', 'border-bottom:4px solid #e5484d',
      'font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace', 'box-shadow:0 4px 24px rgba(0,0,0,.4)',
      'text-align:left',
    ].join(';');
    var title = document.createElement('p');
    title.style.cssText = 'margin:0 0 4px;font-weight:bold;color:#ff8589';
    title.textContent = errors.length === 1
      ? t('serve.one_error', 'The guide did not build: 1 error')
      : t('serve.errors', 'The guide did not build: {n} errors', { n: errors.length });
    var note = document.createElement('p');
    note.style.cssText = 'margin:0 0 12px;color:#c8c8c8';
    note.textContent = t('serve.last_version', 'This page is the last version that built. Fix the file and save: this message goes away by itself.');
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = t('serve.hide', 'Hide');
    close.style.cssText = 'float:right;font:inherit;color:inherit;background:#3a3d41;border:1px solid #6b6f75;border-radius:4px;padding:2px 10px;cursor:pointer';
    close.addEventListener('click', hide);
    overlay.appendChild(close);
    overlay.appendChild(title);
    overlay.appendChild(note);
    errors.forEach(function (e) {
      var pre = document.createElement('pre');
      pre.className = 'prepbook-error';
      pre.style.cssText = 'margin:0 0 12px;white-space:pre-wrap;color:inherit;background:none;border:0;padding:0;font:inherit';
      pre.textContent = e.text;
      overlay.appendChild(pre);
    });
    (document.body || document.documentElement).appendChild(overlay);
  }

  if (typeof EventSource !== 'function') return;
  var source = new EventSource('/__prepbook/events');
  source.addEventListener('status', function (event) {
    var status;
    try {
      status = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    // A newer site first (the errors, if any, show over it after the reload): the stream
    // sends the latest status, which may have replaced a success this page never saw.
    if (status.build !== shownBuild) {
      source.close();
      location.reload();
    } else if (!status.ok) {
      show(status.errors || []);
    } else {
      hide();
    }
  });
})();
