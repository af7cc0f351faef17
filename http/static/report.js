// The report page, enhanced: the period's form shows only the fields the
// chosen period needs, and the statement gets a button that copies it.
// Without this script every field shows and the text is selectable.
(function () {
  "use strict";
  var period = document.getElementById("f-period");
  if (period) {
    var parts = document.querySelectorAll("[data-show]");
    var show = function () {
      parts.forEach(function (el) {
        el.hidden = el.getAttribute("data-show").split(" ").indexOf(period.value) < 0;
      });
    };
    period.addEventListener("change", show);
    show();
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copied");
    if (!source) {
      return;
    }
    var done = function () { status.textContent = button.getAttribute("data-copied"); };
    var select = function () {
      var range = document.createRange();
      range.selectNodeContents(source);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return sel;
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.innerText.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () {
          if (document.execCommand("copy")) { done(); }
        });
        return;
      }
      // Over plain HTTP the clipboard API is missing: select the text and copy it.
      select();
      if (document.execCommand("copy")) {
        done();
      }
    });
  });
})();
