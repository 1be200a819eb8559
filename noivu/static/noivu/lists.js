// Generic list tables: the header checkbox selects or clears every row of its table.
document.addEventListener("change", (event) => {
  const key = event.target.dataset.selectAll;
  if (!key) return;
  document.querySelectorAll(`#${key}-table input[name="selected"]`).forEach((box) => {
    box.checked = event.target.checked;
  });
});
