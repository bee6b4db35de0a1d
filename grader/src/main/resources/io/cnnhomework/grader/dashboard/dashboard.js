(function () {
  'use strict';
  // Sorts and filters the students' table in place. It moves and hides the rows the page was
  // written with and reads only their data-* attributes and text: nothing is parsed as markup.
  // The view lives in the address's fragment (#sort=score&dir=desc&q=bob&status=failed), so a
  // view can be bookmarked or sent as a link.
  var table = document.getElementById('student-table');
  if (!table) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var filter = document.getElementById('filter');
  var status = document.getElementById('status-filter');
  var shown = document.getElementById('shown');
  var state = {sort: '', dir: 'asc', q: '', status: ''};

  function readFragment() {
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq > 0) {
        var key = decodeURIComponent(part.slice(0, eq));
        if (Object.prototype.hasOwnProperty.call(state, key)) {
          state[key] = decodeURIComponent(part.slice(eq + 1));
        }
      }
    });
  }

  function writeFragment() {
    var parts = [];
    Object.keys(state).forEach(function (key) {
      if (state[key]) {
        parts.push(key + '=' + encodeURIComponent(state[key]));
      }
    });
    try {
      history.replaceState(null, '', '#' + parts.join('&'));
    } catch (e) {
      // some browsers refuse history changes on file:// pages; the view still changes
    }
  }

  function key(row, index) {
    var cell = row.cells[index];
    return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
  }

  function order(index, numeric, sign) {
    return function (a, b) {
      var x = key(a.row, index);
      var y = key(b.row, index);
      // empty cells (not graded, not compared) last in either direction
      if (x === '' || y === '') {
        return x === y ? a.at - b.at : (x === '' ? 1 : -1);
      }
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return c !== 0 ? sign * c : a.at - b.at;
    };
  }

  function apply() {
    var query = state.q.toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = (!query || row.getAttribute('data-search').indexOf(query) >= 0)
          && (!state.status || row.getAttribute('data-status') === state.status);
      row.hidden = !visible;
      if (visible) {
        count++;
      }
    });
    shown.textContent = String(count);
    var index = -1;
    heads.forEach(function (head, i) {
      head.removeAttribute('aria-sort');
      if (head.getAttribute('data-key') === state.sort) {
        index = i;
      }
    });
    var indexed = rows.map(function (row, at) {
      return {row: row, at: at};
    });
    if (index >= 0) {
      var numeric = heads[index].getAttribute('data-type') === 'number';
      indexed.sort(order(index, numeric, state.dir === 'desc' ? -1 : 1));
      heads[index].setAttribute('aria-sort', state.dir === 'desc' ? 'descending' : 'ascending');
    }
    indexed.forEach(function (item) {
      body.appendChild(item.row);
    });
  }

  heads.forEach(function (head) {
    var button = head.querySelector('button');
    if (!button) {
      return;
    }
    button.addEventListener('click', function () {
      var clicked = head.getAttribute('data-key');
      state.dir = state.sort === clicked && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = clicked;
      apply();
      writeFragment();
    });
  });
  filter.addEventListener('input', function () {
    state.q = filter.value;
    apply();
    writeFragment();
  });
  status.addEventListener('change', function () {
    state.status = status.value;
    apply();
    writeFragment();
  });

  readFragment();
  filter.value = state.q;
  status.value = state.status;
  apply();
  document.body.setAttribute('data-ready', 'true');
})();
