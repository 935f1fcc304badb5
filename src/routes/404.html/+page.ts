// Written to build/404.html, the page static hosts such as GitHub Pages serve for any missing URL.
export const trailingSlash = 'never';
