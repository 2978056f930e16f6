import { App } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../../app/api';
import { useErrorText } from '../../app/components/Results';
import { useI18n } from '../../app/i18n';

/** A write from a button: busy while it runs, a toast in the user's language on success or failure. */
export function useAction(after: () => void) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const shell = useErrorText();
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await write();
      message.success(t(done));
      after();
      return true;
    } catch (err) {
      const code = (err as ApiError).code;
      const own = code ? t(`members.error.${code}`) : '';
      message.error(own && own !== `members.error.${code}` ? own : shell(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
