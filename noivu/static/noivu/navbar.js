// The main menu: the burger opens it on a phone; its drop-down menus open on click, Enter or Space
// (they are buttons), close with Escape or a click elsewhere, so that keyboards reach every entry.
document.addEventListener("DOMContentLoaded", () => {
  const setOpen = (button, container, open) => {
    button.setAttribute("aria-expanded", String(open));
    container.classList.toggle("is-active", open);
  };
  const dropdowns = [...document.querySelectorAll(".navbar-item.has-dropdown")].map((item) => ({
    item,
    button: item.querySelector(":scope > button.navbar-link"),
  })).filter(({ button }) => button);
  const closeAll = (except) => dropdowns.forEach(({ item, button }) => {
    if (item !== except) setOpen(button, item, false);
  });

  dropdowns.forEach(({ item, button }) => {
    button.addEventListener("click", () => {
      closeAll(item);
      setOpen(button, item, button.getAttribute("aria-expanded") !== "true");
    });
  });
  document.querySelectorAll(".navbar-burger").forEach((burger) => {
    const menu = document.getElementById(burger.getAttribute("aria-controls"));
    burger.addEventListener("click", () => {
      const open = burger.getAttribute("aria-expanded") !== "true";
      setOpen(burger, burger, open);
      menu.classList.toggle("is-active", open);
    });
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".navbar-item.has-dropdown")) closeAll(null);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = dropdowns.find(({ button }) => button.getAttribute("aria-expanded") === "true");
    if (!open) return;
    closeAll(null);
    open.button.focus();
  });
});
