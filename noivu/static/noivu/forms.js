// Form helpers. Date fields are typed as dd/mm/yyyy (the way the sector writes dates) and can also be picked from the
// browser's own calendar: a button beside each field opens a native date picker whose choice is written
// back as dd/mm/yyyy. "1/2/2024", "01-02-2024" or "01.02.2024" are rewritten as 01/02/2024 on leaving
// the field. Without this script the field still accepts dd/mm/yyyy typed.
document.addEventListener("DOMContentLoaded", () => {
  const pad = (n) => String(n).padStart(2, "0");
  const parse = (text) => {
    const found = /^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$/.exec(text || "");
    return found ? { day: +found[1], month: +found[2], year: +found[3] } : null;
  };
  document.querySelectorAll("input[data-date-picker]").forEach((field) => {
    const picker = document.createElement("input");
    picker.type = "date";
    picker.className = "date-picker-native";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    picker.setAttribute("aria-label", field.dataset.pickerLabel || "");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button date-picker-button";
    button.setAttribute("aria-label", `${field.dataset.pickerLabel}: ${field.labels[0]?.textContent.trim() || ""}`);
    button.innerHTML = '<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" '
      + 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><rect x="3" y="5" width="18" '
      + 'height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/></svg>';
    const wrapper = document.createElement("div");
    wrapper.className = "date-picker";
    field.replaceWith(wrapper);
    wrapper.append(field, button, picker);

    field.addEventListener("blur", () => {
      const date = parse(field.value);
      if (date) field.value = `${pad(date.day)}/${pad(date.month)}/${date.year}`;
    });
    button.addEventListener("click", () => {
      const date = parse(field.value);
      picker.value = date ? `${date.year}-${pad(date.month)}-${pad(date.day)}` : "";
      if (typeof picker.showPicker === "function") {
        try { picker.showPicker(); return; } catch (error) { /* not allowed here: fall back */ }
      }
      field.focus();
    });
    picker.addEventListener("change", () => {
      const [year, month, day] = picker.value.split("-");
      if (year) field.value = `${day}/${month}/${year}`;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
    });
  });

  // A code list with "Khác…": the text box for a code not in the list shows only when that is chosen.
  document.querySelectorAll(".select-or-other").forEach((box) => {
    const select = box.querySelector("select");
    const other = box.querySelector("input");
    const update = () => { other.hidden = select.value !== box.dataset.other; };
    select.addEventListener("change", () => { update(); if (!other.hidden) other.focus(); });
    update();
  });
});
