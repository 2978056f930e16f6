import { Card, Skeleton } from 'antd';

/** What a page shows while its code or first data loads. */
export function PageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Card variant="borderless">
      <Skeleton active paragraph={{ rows }} />
    </Card>
  );
}
