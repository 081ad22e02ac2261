// Long jobs (imports, reports): every element with data-job-url and data-running="true"
// polls its JSON status every two seconds, moves its <progress data-progress> bar, fills
// each [data-field="name"] with the value of that name, and reloads the page once the job
// has finished, so the page shows the closing message and the download link.
// Loaded as a file: the content security policy forbids inline scripts.
(function () {
  "use strict";
  var RUNNING = ["pending", "running"];
  function watch(job) {
    function poll() {
      fetch(job.dataset.jobUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          var bar = job.querySelector("[data-progress]");
          if (bar) {
            bar.value = data.percent;
            bar.textContent = data.percent + "%";
          }
          job.querySelectorAll("[data-field]").forEach(function (field) {
            if (field.dataset.field in data) {
              field.textContent = data[field.dataset.field];
            }
          });
          if (RUNNING.indexOf(data.status) >= 0) {
            window.setTimeout(poll, 2000);
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          window.setTimeout(poll, 5000);
        });
    }
    window.setTimeout(poll, 2000);
  }
  document.querySelectorAll('[data-job-url][data-running="true"]').forEach(watch);
})();
