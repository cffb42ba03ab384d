// biome-ignore-all lint: ES5 on purpose (no arrows, templates or optional chaining) for old office browsers.
/*
 * Search-as-you-type for the township page: after a pause in typing, fetch the same page for the
 * new query with the header X-Lvzhi-Partial and swap the tabs, facets and results. The server
 * renders (and escapes) everything; without JavaScript the form works as a plain GET.
 */
(function () {
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var target = document.getElementById("browse");
  if (!form || !input || !target || !window.XMLHttpRequest) return;
  var timer = null;
  var pending = null;
  var last = input.value;

  function urlFor(q) {
    var parts = [];
    var fields = form.querySelectorAll("input[type=hidden]");
    var i;
    for (i = 0; i < fields.length; i++) {
      parts.push(encodeURIComponent(fields[i].name) + "=" + encodeURIComponent(fields[i].value));
    }
    if (q) parts.push("q=" + encodeURIComponent(q));
    return form.getAttribute("action") + (parts.length ? "?" + parts.join("&") : "");
  }

  function run() {
    var q = input.value.replace(/^\s+|\s+$/g, "");
    if (q === last) return;
    last = q;
    var url = urlFor(q);
    if (pending) pending.abort();
    var xhr = new XMLHttpRequest();
    pending = xhr;
    xhr.open("GET", url, true);
    xhr.setRequestHeader("X-Lvzhi-Partial", "1");
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4 || pending !== xhr) return;
      pending = null;
      if (xhr.status !== 200) return;
      target.innerHTML = xhr.responseText;
      // A refused search text (too long, from a link) has been shortened: its message no longer applies.
      var refused = document.getElementById("q-error");
      if (refused && refused.parentNode) refused.parentNode.removeChild(refused);
      if (window.history && history.replaceState) history.replaceState(null, "", url);
    };
    xhr.send();
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, 250);
  }

  // While an input method composes (pinyin being typed), wait until the characters are chosen.
  input.addEventListener("input", function (e) {
    if (!e || !e.isComposing) schedule();
  });
  input.addEventListener("compositionend", schedule);
})();
