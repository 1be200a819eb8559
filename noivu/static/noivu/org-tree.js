// The organisation tree: each unit's button opens its children (loaded once) and closes them again;
// the search box opens the tree down to the unit chosen, which is brought into view.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-tree-toggle]");
  if (!button) return;
  const children = document.getElementById(button.getAttribute("aria-controls"));
  const open = button.getAttribute("aria-expanded") !== "true";
  if (open && !children.dataset.loaded) {
    await htmx.ajax("GET", button.dataset.url, { target: children, swap: "innerHTML" });
    children.dataset.loaded = "1";
  }
  children.hidden = !open;
  button.setAttribute("aria-expanded", String(open));
});

document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-submit-on-change]");
  if (form && event.target.matches("[data-tree-value]")) form.submit();
});

document.addEventListener("DOMContentLoaded", () => {
  const found = document.querySelector(".org-tree .org-found");
  if (found) {
    found.scrollIntoView({ block: "center" });
    found.focus();
  }
});
