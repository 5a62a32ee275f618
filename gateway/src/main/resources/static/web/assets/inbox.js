// The live inbox: notices stored after the page loaded appear at the top of the first page, from
// the same server-sent event stream police systems use (GET /api/v1/inbox/events), in the page's
// language. Everything a notice brings is set as text, never as markup. Without JavaScript the page works as it is.
(function () {
  "use strict";
  var rows = document.getElementById("inbox-rows");
  if (!rows || !rows.dataset.events || !window.EventSource) {
    return;
  }
  var status = document.getElementById("live-status");
  var empty = document.getElementById("inbox-empty");
  var source = new EventSource(rows.dataset.events);
  // The page's own words for the codes an event brings (type, priority, classification).
  var labels = {};
  document.querySelectorAll("#labels li").forEach(function (li) {
    labels[li.dataset.key] = li.textContent;
  });
  function label(kind, code) {
    return labels[kind + "." + code] || code;
  }

  function cell(row, text) {
    var td = document.createElement("td");
    td.className = "govuk-table__cell";
    if (text !== undefined) {
      td.textContent = text;
    }
    row.appendChild(td);
    return td;
  }

  source.addEventListener("notice", function (event) {
    var item = JSON.parse(event.data);
    if (document.getElementById("n-" + item.noticeId)) {
      return; // a resumed stream may repeat what the page already shows
    }
    var row = document.createElement("tr");
    row.id = "n-" + item.noticeId;
    row.className = "govuk-table__row liaison-unread";
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = rows.dataset.read + encodeURIComponent(item.noticeId);
    link.textContent = label("type", item.noticeType);
    var first = cell(row);
    first.appendChild(link);
    var hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = " (" + rows.dataset.unread + ")";
    first.appendChild(hidden);
    cell(row, item.from);
    var tag = document.createElement("strong");
    tag.className = "govuk-tag liaison-priority-" + item.priority;
    tag.textContent = label("priority", item.priority);
    cell(row).appendChild(tag);
    cell(row, label("classification", item.classification));
    var time = document.createElement("time");
    time.setAttribute("datetime", item.receivedAt);
    time.textContent = item.receivedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
    cell(row).appendChild(time);
    rows.insertBefore(row, rows.firstChild);
    if (empty) {
      empty.hidden = true;
    }
    status.textContent = status.dataset["new"].replace("{0}", item.from);
  });
})();
