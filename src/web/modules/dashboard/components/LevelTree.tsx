import { Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useI18n } from '../../../app/i18n';
import type { Level, Overview } from '../api';

const key = (level: Level, id: number) => `${level}:${id}`;

/** The path from the highest node the actor may open down to the current one, with its children: click to drill down or back. */
export function LevelTree({ overview, onOpen }: { overview: Overview; onOpen: (level: Level, id: number) => void }) {
  const { t } = useI18n();
  const label = (level: Level, name: string) => <span><span className="gz-dash-level">{t(`dashboard.level.${level}`)}</span>{name}</span>;
  const children: DataNode[] = overview.children.map((c) => ({ key: key(c.level, c.id), title: label(c.level, c.name), isLeaf: true }));
  let tree: DataNode[] = children;
  for (const n of [...overview.breadcrumb].reverse()) {
    tree = [{ key: key(n.level, n.id), title: label(n.level, n.name), children: tree }];
  }
  const expanded = overview.breadcrumb.map((n) => key(n.level, n.id));
  return (
    <Tree data-testid="level-tree" treeData={tree} expandedKeys={expanded} selectedKeys={[key(overview.node.level, overview.node.id)]} blockNode showLine
      onSelect={(keys) => { const [level, id] = String(keys[0] ?? '').split(':'); if (level && id) onOpen(level as Level, Number(id)); }} />
  );
}
