import { ApartmentOutlined, RightOutlined } from '@ant-design/icons';
import { Avatar, Card, Col, Empty, List, Row, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../../app/auth';
import { RoleTags } from '../../../app/components/RoleTags';
import { useI18n } from '../../../app/i18n';
import { registry } from '../../../app/navigation';
import { useApi } from '../../../app/useApi';
import { placesApi } from '../../places/api';

function MyArea() {
  const { t, formatNumber } = useI18n();
  const communities = useApi((signal) => placesApi.communities({ q: '', page: 1, pageSize: 5 }, signal), []);
  return (
    <Card
      variant="borderless"
      title={<span><ApartmentOutlined /> {t('home.myArea')}</span>}
      extra={<Link to="/places">{t('home.viewAll')} <RightOutlined /></Link>}
      style={{ height: '100%' }}
    >
      {communities.loading && !communities.data ? <Skeleton active /> : (
        <List
          dataSource={communities.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} /> }}
          renderItem={(c) => (
            <List.Item actions={[<Link key="open" to={`/places/communities/${c.id}`}><RightOutlined /></Link>]}>
              <List.Item.Meta
                avatar={<Avatar shape="square" style={{ background: '#fff1f0', color: '#c8161d' }}>{[...c.name][0]}</Avatar>}
                title={<Link to={`/places/communities/${c.id}`}>{c.name}</Link>}
                description={`${c.districtName} · ${c.streetName} · ${t('home.communitySummary', { compounds: c.compoundCount, households: formatNumber(c.householdCount, 0) })}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The staff landing page: who you are, where you work, what you can open. */
export default function WorkbenchHome() {
  const me = useMe();
  const { can } = useAuth();
  const { t, locale } = useI18n();
  const links = registry.quickLinks().filter((l) => can(l.permission));
  const date = dayjs().format(locale === 'zh-CN' ? 'YYYY年M月D日 dddd' : 'dddd, D MMMM YYYY');

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card variant="borderless" style={{ borderInlineStart: '4px solid #c8161d' }} data-testid="workbench-welcome">
          <Space size={20} align="center" wrap>
            <Avatar size={64} style={{ background: '#c8161d', fontSize: 28 }}>{[...me.name][0]}</Avatar>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>{t('home.greeting', { name: me.name })}</Typography.Title>
              <Typography.Text type="secondary">{t('home.today', { date })} · {t('home.workbenchIntro')}</Typography.Text>
              <div style={{ marginTop: 10 }}>
                <RoleTags grants={me.roles} />
              </div>
            </div>
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={can('places:read') ? 14 : 24}>
        <Card variant="borderless" title={t('home.quickLinks')} style={{ height: '100%' }}>
          {links.length === 0 ? <Empty description={t('home.noQuickLinks')} /> : (
            <Row gutter={[12, 12]}>
              {links.map((l) => (
                <Col key={l.key} xs={24} md={12}>
                  <Link to={l.path} className="gz-quick-link">
                    <span className="gz-quick-link-icon">{l.icon}</span>
                    <span>
                      <Typography.Text strong style={{ fontSize: 15 }}>{t(l.label)}</Typography.Text>
                      {l.description && <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>{t(l.description)}</Typography.Paragraph>}
                    </span>
                  </Link>
                </Col>
              ))}
            </Row>
          )}
        </Card>
      </Col>
      {can('places:read') && (
        <Col xs={24} xl={10}>
          <MyArea />
        </Col>
      )}
    </Row>
  );
}
