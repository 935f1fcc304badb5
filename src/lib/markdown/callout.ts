/** Callout kinds shared by the Callout component and GitHub alert syntax. */
export const CALLOUT_TYPES = ['note', 'tip', 'important', 'warning', 'danger'] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

const LABELS: Record<CalloutType, string> = {
	note: 'Ghi chú',
	tip: 'Mẹo',
	important: 'Quan trọng',
	warning: 'Cảnh báo',
	danger: 'Nguy hiểm'
};

/** Accepts aliases authors use (`info`, `caution`, `error`) and falls back to `note`. */
export function normalizeCalloutType(type: string | undefined): CalloutType {
	const t = (type ?? '').toLowerCase();
	if ((CALLOUT_TYPES as readonly string[]).includes(t)) return t as CalloutType;
	if (t === 'info') return 'note';
	if (t === 'success') return 'tip';
	if (t === 'caution' || t === 'error') return 'danger';
	return 'note';
}

export const calloutLabel = (type: CalloutType) => LABELS[type];
