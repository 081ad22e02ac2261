// The large-import progress page: while the job runs, poll its JSON status every two
// seconds and move the progress bar; reload the page once it has finished (the page
// then lists the created rows or the problems). Loaded as a file: no inline script.
(function () {
  "use strict";
  var job = document.getElementById("import-job");
  if (!job || job.dataset.running !== "true") {
    return;
  }
  function poll() {
    fetch(job.dataset.url, { credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        job.querySelector("[data-progress]").value = data.percent;
        job.querySelector("[data-created]").textContent = data.created;
        if (data.status === "pending" || data.status === "running") {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      });
  }
  window.setTimeout(poll, 2000);
})();
