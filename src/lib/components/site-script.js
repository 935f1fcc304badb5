// The only script post, home and category pages carry, inlined into each page (it is small): the theme toggle, which
// remembers the reader's choice; the contents box, folded on phones; copy buttons on code blocks; and links whose text
// is their address, marked so print does not repeat it. Buttons are added by the script itself, so readers without
// JavaScript never see a button that does nothing.
(function () {
	var d = document;
	var root = d.documentElement;
	var toggle = /** @type {HTMLButtonElement | null} */ (d.querySelector('[data-theme-toggle]'));
	function isDark() {
		var t = root.dataset.theme;
		return t ? t === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
	}
	function sync() {
		if (!toggle) return;
		toggle.setAttribute('aria-pressed', String(isDark()));
		toggle.title = isDark() ? 'Chuyển sang giao diện sáng' : 'Chuyển sang giao diện tối';
	}
	if (toggle) {
		toggle.hidden = false;
		sync();
		toggle.addEventListener('click', function () {
			var theme = isDark() ? 'light' : 'dark';
			root.dataset.theme = theme;
			try {
				localStorage.setItem('theme', theme);
			} catch {
				// Private modes may refuse storage; the choice then lasts for this page only.
			}
			sync();
		});
	}
	var toc = /** @type {HTMLDetailsElement | null} */ (d.querySelector('details.toc'));
	if (toc && matchMedia('(max-width: 63.99rem)').matches) toc.open = false;
	d.querySelectorAll('.code-block').forEach(function (box) {
		var button = d.createElement('button');
		button.type = 'button';
		button.className = 'copy-code';
		button.textContent = 'Sao chép';
		button.setAttribute('aria-label', 'Sao chép mã');
		box.classList.add('has-copy');
		button.addEventListener('click', function () {
			var pre = box.querySelector('pre');
			if (!pre || !navigator.clipboard) return;
			navigator.clipboard.writeText(pre.innerText).then(function () {
				button.textContent = 'Đã chép';
				setTimeout(function () {
					button.textContent = 'Sao chép';
				}, 1500);
			});
		});
		box.appendChild(button);
	});
	// A link whose text is its address: print does not write the address a second time (src/lib/styles/print.css).
	d.querySelectorAll('.prose a[href^="http"]').forEach(function (a) {
		var text = (a.textContent || '').trim();
		if (text === a.getAttribute('href') || text === /** @type {HTMLAnchorElement} */ (a).href)
			a.classList.add('is-url');
	});
})();
