// The officer's page, enhanced: the result follows each change, and the text copies.
// Without JavaScript the form still works: "Check the result" submits it.
(function () {
  "use strict";
  var form = document.getElementById("record");
  if (!form) { return; }
  var pending = null;
  var serial = 0;

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { params.append(key, value); });
    params.set("check", "1");
    return params.toString();
  }

  function markInvalid() {
    // A control is invalid while the message it is described by is not empty.
    form.querySelectorAll("[aria-describedby]").forEach(function (el) {
      var bad = el.getAttribute("aria-describedby").split(" ").some(function (id) {
        var msg = document.getElementById(id);
        return msg && msg.classList.contains("error") && msg.textContent.trim() !== "";
      });
      if (el.matches("fieldset, select, input[type=text], input[type=date], input[type=checkbox]")) {
        if (bad) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
      }
    });
  }

  function refresh() {
    var mine = ++serial;
    var q = query();
    fetch("?" + q, { headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== serial) { return; }  // a later change is on its way
        var doc = new DOMParser().parseFromString(html, "text/html");
        doc.querySelectorAll("[data-live]").forEach(function (fresh) {
          var old = document.getElementById(fresh.id);
          if (old && old.innerHTML !== fresh.innerHTML) { old.innerHTML = fresh.innerHTML; }
        });
        markInvalid();
        enhance();
        history.replaceState(null, "", "?" + q);
        document.body.removeAttribute("data-pending");
      })
      .catch(function () {
        // The submit button still works.
        if (mine === serial) { document.body.removeAttribute("data-pending"); }
      });
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    var text = source.textContent;
    function selectIt() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      status.textContent = done ? "Copied." : "Selected: press Ctrl+C to copy.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { status.textContent = "Copied."; },
        selectIt
      );
    } else {
      selectIt();
    }
  }

  function enhance() {
    var button = document.getElementById("copy");
    if (button && button.hidden) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    }
  }

  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    // A new roster ("Show the roster") or a minuted item ("Fill in") waits for its button.
    if (name === "board" || name === "date" || name === "minuted") { return; }
    // Until the result for this change is shown, the page says it is pending.
    document.body.setAttribute("data-pending", "1");
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(refresh, 120);
  });
  enhance();
}());
