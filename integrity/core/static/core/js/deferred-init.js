// The Wagtail admin without inline script (Content-Security-Policy: script-src 'self').
//
// Wagtail 8 still starts a few widgets with an inline <script> (inline panels, chooser
// widgets, date pickers). The project's template overrides and widget patch
// (integrity/core/wagtail_csp.py) write a JSON block instead, which a browser does not run:
//   <script type="application/json" data-integrity-init>
//     {"new": "PageChooser", "args": ["id_page", {...}]}</script>
// This file makes the same call, in document order, for the blocks in the page and for
// those added later (the child form a user adds to an inline panel, a chooser modal).
// Only the constructors and functions listed here can be called.
(function () {
  "use strict";
  var CONSTRUCTORS = [
    "Chooser",
    "DocumentChooser",
    "ImageChooser",
    "InlinePanel",
    "MultipleChooserPanel",
    "PageChooser",
    "SnippetChooser",
  ];
  var FUNCTIONS = [
    "createTaskChooser",
    "initDateChooser",
    "initDateTimeChooser",
    "initTimeChooser",
  ];
  var SELECTOR = 'script[type="application/json"][data-integrity-init]';

  function run(block) {
    if (block.dataset.integrityInitDone) {
      return;
    }
    block.dataset.integrityInitDone = "true";
    var init = JSON.parse(block.textContent);
    if (CONSTRUCTORS.indexOf(init["new"]) !== -1) {
      Reflect.construct(window[init["new"]], init.args);
    } else if (FUNCTIONS.indexOf(init.call) !== -1) {
      window[init.call].apply(null, init.args);
    } else {
      throw new Error("data-integrity-init: not an allowed call: " + block.textContent);
    }
  }

  function runWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    if (node.matches(SELECTOR)) {
      run(node);
    }
    node.querySelectorAll(SELECTOR).forEach(run);
  }

  function start() {
    document.querySelectorAll(SELECTOR).forEach(run);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(runWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
