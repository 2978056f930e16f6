import { Tag } from 'antd';
import type { Grant } from '../auth';
import { useI18n } from '../i18n';

/** Roles grouped by scope: 社区工作人员、社区党委 · 鼎立社区. */
export function groupGrants(grants: Grant[]): { scope: string; roles: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const g of grants) {
    const scope = g.scopeType === 'platform' ? '' : g.scopeName;
    groups.set(scope, [...(groups.get(scope) ?? []), g.role]);
  }
  return [...groups].map(([scope, roles]) => ({ scope, roles }));
}

export function RoleTags({ grants, max }: { grants: Grant[]; max?: number }) {
  const { t, locale } = useI18n();
  const groups = groupGrants(grants);
  const shown = max ? groups.slice(0, max) : groups;
  const sep = locale === 'zh-CN' ? '、' : ', ';
  return (
    <>
      {shown.map((g) => (
        <Tag key={g.scope + g.roles.join()} color="red" variant="outlined" style={{ marginInlineEnd: 6 }}>
          {g.roles.map((r) => t(`role.${r}`)).join(sep)}
          {' · '}
          {g.scope || t('role.platformScope')}
        </Tag>
      ))}
      {max && groups.length > max && <Tag>+{groups.length - max}</Tag>}
    </>
  );
}
