// biome-ignore-all lint: ES5 on purpose (no arrows, templates or optional chaining) for old office browsers.
/*
 * On a phone, folds the township page's facets (details.facets-fold) so the results come first; without
 * this script, or on a wide screen, they stay open. Also after search-as-you-type replaces the results.
 */
(function () {
  if (!window.matchMedia || !window.matchMedia("(max-width: 600px)").matches) return;
  function fold() {
    var all = document.querySelectorAll("details.facets-fold");
    var i;
    for (i = 0; i < all.length; i++) {
      if (!all[i].getAttribute("data-folded")) {
        all[i].removeAttribute("open");
        all[i].setAttribute("data-folded", "1");
      }
    }
  }
  fold();
  var browse = document.getElementById("browse");
  if (browse && window.MutationObserver) new MutationObserver(fold).observe(browse, { childList: true });
})();
