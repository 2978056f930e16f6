import { App } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../../app/components/Results';
import { useI18n } from '../../../app/i18n';
import type { ApiError } from '../../../app/api';

/** The error in the user's language: this module's words for its codes, else the shell's, else the server's message. */
export function useStationErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  const shell = useErrorText();
  return (error) => {
    const e = error as ApiError | undefined;
    if (e?.code) {
      const details = (e.details ?? {}) as Record<string, string | number>;
      const text = t(`stations.error.${e.code}`, details);
      if (text !== `stations.error.${e.code}`) return text;
    }
    return shell(error);
  };
}

/**
 * A write from a modal or a button: busy while it runs; on success the toast it returns, then
 * `after` (reload, close); on failure the reason in the user's language, and the form stays.
 */
export function useSubmit(after: () => void): { busy: boolean; run: (write: () => Promise<string | undefined>) => Promise<boolean> } {
  const { message } = App.useApp();
  const errorText = useStationErrorText();
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<string | undefined>) => {
    setBusy(true);
    try {
      const success = await write();
      if (success) message.success(success);
      after();
      return true;
    } catch (err) {
      message.error(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
