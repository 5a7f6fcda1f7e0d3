// Vaski's few lines of JavaScript: everything works without it.
// Forms marked data-confirm ask before they are sent (deletions).
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// The municipality field suggests the official names.
document.querySelectorAll("input#municipality").forEach((input) => {
  if (document.getElementById("municipalities")) {
    input.setAttribute("list", "municipalities");
  }
});
