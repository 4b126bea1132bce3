// Search-as-you-type for inputs with data-suggest="/search/suggest": a
// listbox of up to 8 suggestions (ARIA combobox, list autocomplete). The
// form works the same without this script.
(function () {
  'use strict';
  function setup(input) {
    var endpoint = input.getAttribute('data-suggest');
    var list = document.createElement('ul');
    list.id = input.id + '-suggest';
    list.className = 'suggest';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.parentNode.appendChild(list);
    var items = [], active = -1, timer = 0, seq = 0;

    function close() {
      list.hidden = true;
      list.textContent = '';
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function mark(i) {
      var opts = list.children;
      for (var k = 0; k < opts.length; k++) {
        opts[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
      }
      active = i;
      if (i >= 0) {
        input.setAttribute('aria-activedescendant', opts[i].id);
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function go(i) {
      if (items[i]) { window.location.href = items[i].url; }
    }
    function render(found) {
      close();
      if (!found.length) { return; }
      items = found;
      found.forEach(function (it, i) {
        var li = document.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var label = document.createElement('span');
        label.className = 'suggest-label';
        label.textContent = it.label;
        var kind = document.createElement('span');
        kind.className = 'suggest-kind';
        kind.textContent = it.kind + (it.code ? ' · ' + it.code : '');
        li.appendChild(label);
        li.appendChild(kind);
        li.addEventListener('mousedown', function (e) { e.preventDefault(); go(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function fetchNow() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      var mine = ++seq;
      fetch(endpoint + '?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (d) { if (mine === seq) { render(d.items || []); } })
        .catch(function () { if (mine === seq) { close(); } });
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchNow, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) { return; }
      var n = items.length;
      switch (e.key) {
        case 'ArrowDown': e.preventDefault(); mark((active + 1) % n); break;
        case 'ArrowUp': e.preventDefault(); mark(active <= 0 ? n - 1 : active - 1); break;
        case 'Enter': if (active >= 0) { e.preventDefault(); go(active); } break;
        case 'Escape': e.preventDefault(); close(); break;
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    // Enter may still reach the form (a keypress after the keydown): a
    // chosen suggestion wins over submitting the typed text.
    if (input.form) {
      input.form.addEventListener('submit', function (e) {
        if (!list.hidden && active >= 0 && items[active]) { e.preventDefault(); go(active); }
      });
    }
  }
  var inputs = document.querySelectorAll('input[data-suggest]');
  for (var i = 0; i < inputs.length; i++) { setup(inputs[i]); }
})();
