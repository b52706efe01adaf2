// Views replace each other the way a client-side router does; embed.js notices placeholders coming and going.
const views = {
  home: () => {
    const section = document.createElement('section');
    section.innerHTML = '<h2>Home</h2><p>Nothing to embed here.</p>';
    return section;
  },
  support: () => {
    const section = document.createElement('section');
    section.innerHTML =
      '<h2>Support</h2><div class="pb-slot-tip-jar" data-pb-widget="tip-jar" data-pb-app="de000000-0000-4000-8000-000000000001"></div>';
    return section;
  },
};

const view = document.getElementById('view');
for (const button of document.querySelectorAll('[data-view]')) {
  button.addEventListener('click', () => view.replaceChildren(views[button.dataset.view]()));
}
view.replaceChildren(views.home());
