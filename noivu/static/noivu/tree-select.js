// The searchable tree select (core/widgets/tree_select.html): an ARIA combobox over the nodes of the
// user's tree. Typing asks the server for matching nodes (with or without diacritics); arrow keys move
// through them, Enter chooses, Escape closes; the chosen code goes into the hidden input, whose change
// event lets the filter form reload its list.
(() => {
  const DELAY = 200;

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    const value = box.querySelector("[data-tree-value]");
    const text = box.querySelector("[data-tree-text]");
    const place = box.querySelector("[data-tree-place]");
    const list = box.querySelector("[role=listbox]");
    const status = box.querySelector("[data-tree-status]");
    let chosen = { value: value.value, name: text.value, place: place.textContent };
    let options = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    function close() {
      asked += 1; // a search still under way must not reopen the list once it is closed
      list.hidden = true;
      text.setAttribute("aria-expanded", "false");
      text.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (index >= 0) {
        text.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        text.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      chosen = { value: option.dataset.value, name: option.dataset.name, place: option.dataset.place };
      text.value = chosen.name;
      place.textContent = chosen.place;
      close();
      if (value.value !== chosen.value) {
        value.value = chosen.value;
        value.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function option(result, index) {
      const item = document.createElement("li");
      item.id = `${list.id}-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.value = result.value;
      item.dataset.name = result.name;
      item.dataset.place = result.place || "";
      const name = document.createElement("span");
      name.className = "tree-select-name";
      name.textContent = result.name;
      item.append(name);
      if (result.place) {
        const where = document.createElement("span");
        where.className = "tree-select-option-place";
        where.textContent = result.place;
        item.append(where);
      }
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(item);
      });
      return item;
    }

    async function search() {
      const query = text.value.trim();
      const ticket = ++asked;
      const response = await fetch(`${box.dataset.url}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok || ticket !== asked) return;
      const results = (await response.json()).results;
      if (ticket !== asked) return;
      if (!query && box.dataset.allowEmpty) results.unshift({ value: "", name: box.dataset.emptyLabel, place: "" });
      options = results.map(option);
      list.replaceChildren(...options);
      if (!options.length) {
        const none = document.createElement("li");
        none.className = "tree-select-none";
        none.textContent = box.dataset.none;
        list.append(none);
      }
      list.hidden = false;
      text.setAttribute("aria-expanded", "true");
      status.textContent = options.length ? `${options.length} ${box.dataset.found}` : box.dataset.none;
      highlight(options.length && query ? 0 : -1);
    }

    text.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, DELAY);
    });
    // A click opens the suggestions (not focus: the list page gives focus back after each reload).
    text.addEventListener("click", () => {
      if (list.hidden) search();
    });
    // The text box has no name: its own change event must not reload the list.
    text.addEventListener("change", (event) => event.stopPropagation());
    text.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) {
          search();
          return;
        }
        if (!options.length) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + options.length) % options.length);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(options[active]);
      } else if (event.key === "Escape") {
        // Cancel what was typed, including a search still waiting or under way.
        if (!list.hidden || text.value !== chosen.name) event.preventDefault();
        clearTimeout(timer);
        asked += 1;
        text.value = chosen.name;
        close();
      }
    });
    text.addEventListener("blur", () => {
      clearTimeout(timer);
      asked += 1;
      close();
      if (!text.value.trim() && value.value) {
        choose(option({ value: "", name: "", place: "" }, 0));
      } else {
        text.value = chosen.name;
      }
    });
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-tree-select]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  document.addEventListener("htmx:load", (event) => setUpAll(event.target));
})();
