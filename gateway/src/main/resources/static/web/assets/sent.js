// The live sent view: every few seconds the page asks for the states of the copies it shows
// (GET /web/sent/states, the same page of the same unit) and changes the ones that changed, saying
// so in the page's status line. Everything is set as text. Without JavaScript a reload shows them.
(function () {
  "use strict";
  var table = document.getElementById("sent");
  if (!table || !table.dataset.states || !window.fetch) {
    return;
  }
  var status = document.getElementById("sent-status");
  var hint = document.getElementById("sent-hint");
  var labels = {};
  document.querySelectorAll("#state-labels li").forEach(function (li) {
    labels[li.dataset.state] = li.textContent;
  });
  if (hint && hint.dataset.live) {
    hint.textContent = hint.dataset.live;
  }
  var EVERY = 3000;

  function update(notices) {
    var said = [];
    notices.forEach(function (notice) {
      var row = document.getElementById("s-" + notice.noticeId);
      if (!row) {
        return; // sent after the page loaded: it is on the next reload
      }
      notice.copies.forEach(function (copy) {
        row.querySelectorAll("li[data-recipient]").forEach(function (li) {
          if (li.dataset.recipient !== copy.recipient || li.dataset.state === copy.state) {
            return;
          }
          li.dataset.state = copy.state;
          var tag = li.querySelector("strong");
          tag.className = "govuk-tag liaison-state-" + copy.state;
          tag.textContent = labels[copy.state] || copy.state;
          var reason = li.querySelector(".liaison-reason");
          if (reason) {
            reason.textContent = copy.reasonCode ? "(" + copy.reasonCode + ")" : "";
          }
          said.push(
            status.dataset.changed
              .replace("{0}", copy.recipient)
              .replace("{1}", labels[copy.state] || copy.state)
              .replace("{2}", notice.noticeId.substring(0, 8))
          );
        });
      });
    });
    if (said.length > 0) {
      status.textContent = said.join("; ");
    }
  }

  function poll() {
    if (document.hidden) {
      window.setTimeout(poll, EVERY);
      return;
    }
    fetch(table.dataset.states, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(update)
      .catch(function () {})
      .then(function () {
        window.setTimeout(poll, EVERY);
      });
  }
  window.setTimeout(poll, EVERY);
})();
