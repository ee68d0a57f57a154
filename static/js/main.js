// Progressive enhancement shared by every page. Pages work without this file.

// Move focus to the error summary so screen readers announce what went wrong.
const summary = document.querySelector("[data-error-summary]");
if (summary) summary.focus();

// Destructive actions ask once.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset && form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

// Polite announcements for live updates (one shared region).
export function announce(text) {
  const region = document.getElementById("live-region");
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 50);
}
