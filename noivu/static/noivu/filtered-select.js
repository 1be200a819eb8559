// The filtered select (core/widgets/filtered_select.html): a search box above a native select. Typing leaves
// in the select only the options whose text holds every word typed, folded as the server folds names
// (lower case, no diacritics, đ → d); the groups left empty go too. The options are taken out of the select
// rather than hidden, as some phones show hidden options in their picker. Enter or the down arrow in the
// search box moves to the select; the choice already made is kept while it still matches, else the first
// match is chosen.
(() => {
  const DELAY = 120;

  function fold(text) {
    return text
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  }

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    const search = box.querySelector("[data-filter-text]");
    const select = box.querySelector("select");
    const status = box.querySelector("[data-filter-status]");
    // The select's children as they were rendered, each option with its folded text.
    const parts = Array.from(select.children, (child) => ({
      node: child,
      options: Array.from(child.tagName === "OPTGROUP" ? child.children : [child], (option) => ({
        option,
        folded: fold(option.textContent),
      })),
    }));
    let timer = null;

    function filter() {
      const words = fold(search.value).split(" ").filter(Boolean);
      const chosen = select.value;
      let shown = 0;
      const kept = [];
      parts.forEach((part) => {
        const matching = part.options.filter((entry) => words.every((word) => entry.folded.includes(word)));
        shown += matching.length;
        if (!matching.length) return;
        if (part.node.tagName === "OPTGROUP") part.node.replaceChildren(...matching.map((entry) => entry.option));
        kept.push(part.node);
      });
      select.replaceChildren(...kept);
      const stillThere = Array.from(select.options).find((option) => option.value === chosen);
      if (stillThere) stillThere.selected = true;
      else if (select.options.length) select.options[0].selected = true;
      status.textContent = words.length ? (shown ? `${shown} ${box.dataset.found}` : box.dataset.none) : "";
    }

    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(filter, DELAY);
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        // Enter must not send the form with a choice the user has not looked at.
        event.preventDefault();
        clearTimeout(timer);
        filter();
        select.focus();
      }
    });
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-filtered-select]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  document.addEventListener("htmx:load", (event) => setUpAll(event.target));
})();
