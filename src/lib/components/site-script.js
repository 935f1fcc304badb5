// The only script post, home and category pages carry, inlined into each page (it is small): the theme toggle, which
// remembers the reader's choice; the contents box, folded on phones, marking the section being read; wide tables made
// focusable; the phone menu closing on Escape or a tap elsewhere; copy buttons on code blocks; and links whose text is
// their address, marked so print does not repeat it. Buttons are added by the script itself, so readers without
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
	if (toc && matchMedia('(min-width: 64rem)').matches) toc.open = true;
	// The contents mark the section being read: the last heading above the upper third of the window, or the last one
	// in view once the page is scrolled to its end. Measured at most once a frame while the page scrolls (a jump by
	// PageDown or a link can pass a heading without any observer seeing it cross a line).
	if (toc) {
		var links = /** @type {HTMLAnchorElement[]} */ ([].slice.call(toc.querySelectorAll('a[href^="#"]')));
		var targets = links.map(function (a) {
			return d.getElementById(decodeURIComponent(a.hash.slice(1)));
		});
		var marked = -1;
		var queued = false;
		var mark = function () {
			queued = false;
			var end = innerHeight + scrollY >= root.scrollHeight - 2;
			var line = end ? innerHeight : innerHeight / 3;
			var current = -1;
			targets.forEach(function (h, i) {
				if (h && h.getBoundingClientRect().top < line) current = i;
			});
			if (current === marked) return;
			if (marked >= 0) links[marked].removeAttribute('aria-current');
			if (current >= 0) links[current].setAttribute('aria-current', 'true');
			marked = current;
		};
		var queue = function () {
			if (!queued) requestAnimationFrame(mark);
			queued = true;
		};
		addEventListener('scroll', queue, { passive: true });
		addEventListener('resize', queue, { passive: true });
		mark();
	}
	// A table, formula or diagram wider than its column scrolls sideways: it takes keyboard focus then, so arrow keys
	// scroll it.
	var wide = d.querySelectorAll('.prose table, .katex-display, .diagram');
	var focusWide = function () {
		wide.forEach(function (el) {
			if (el.scrollWidth > el.clientWidth) el.setAttribute('tabindex', '0');
			else el.removeAttribute('tabindex');
		});
	};
	if (wide.length) {
		focusWide();
		addEventListener('load', focusWide);
		addEventListener('resize', focusWide, { passive: true });
	}
	// The phone menu (a <details>, so it opens without JavaScript) closes on Escape or a tap elsewhere.
	var menu = /** @type {HTMLDetailsElement | null} */ (d.querySelector('details.nav-menu'));
	if (menu) closes(menu);
	/** @param {HTMLDetailsElement} box */
	function closes(box) {
		d.addEventListener('click', function (e) {
			if (box.open && !box.contains(/** @type {Node} */ (e.target))) box.open = false;
		});
		d.addEventListener('keydown', function (e) {
			if (e.key !== 'Escape' || !box.open) return;
			box.open = false;
			/** @type {HTMLElement} */ (box.querySelector('summary')).focus();
		});
	}
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
