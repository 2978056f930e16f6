import { Tag } from 'antd';
import { requestStateLabels, type RequestState } from '../../../../shared/request-states';
import { useI18n } from '../../../app/i18n';

export const stateColors: Record<RequestState, string> = {
  submitted: 'red',
  dispatched: 'orange',
  accepted: 'gold',
  in_progress: 'blue',
  resolved: 'cyan',
  closed: 'green',
  returned: 'magenta',
  reopened: 'volcano',
  escalated: 'purple',
  merged: 'default',
  cancelled: 'default',
};

/** Hex colours for charts and timeline dots, in step with the tags. */
export const stateHex: Record<RequestState, string> = {
  submitted: '#f5222d', dispatched: '#fa8c16', accepted: '#faad14', in_progress: '#1677ff', resolved: '#13c2c2',
  closed: '#52c41a', returned: '#eb2f96', reopened: '#fa541c', escalated: '#722ed1', merged: '#bfbfbf', cancelled: '#d9d9d9',
};

export function StateTag({ state }: { state: RequestState }) {
  const { pick } = useI18n();
  return <Tag color={stateColors[state]} style={{ marginInlineEnd: 0 }} data-state={state}>{pick(requestStateLabels[state])}</Tag>;
}
