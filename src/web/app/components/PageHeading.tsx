import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: ReactNode;
  /** Omitted for the current page. */
  to?: string;
}

/** Breadcrumb, title with tags, and actions on the right: the top of every staff page. */
export function PageHeading({ crumbs, title, tags, extra, subtitle }: { crumbs?: Crumb[]; title: ReactNode; tags?: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={crumbs.map((c, i) => ({ key: i, title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <div className="gz-page-title">
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, flexWrap: 'wrap' }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>{title}</Typography.Title>
          {tags}
        </div>
        {extra}
      </div>
      {subtitle && <Typography.Text type="secondary" style={{ display: 'block', marginTop: -8 }}>{subtitle}</Typography.Text>}
    </div>
  );
}
