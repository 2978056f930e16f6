import { App } from 'antd';
import { useState } from 'react';
import { useErrorText } from '../../../app/components/Results';

/**
 * A modal's write, the same everywhere: busy while it runs; on success the toast the write
 * returns (none when it reported by itself), then `after` (refresh, close); on failure the
 * server's message, and the modal stays open so the input can be fixed.
 */
export function useModalSubmit(after: () => void): { busy: boolean; run: (write: () => Promise<string | undefined>) => Promise<void> } {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<string | undefined>) => {
    setBusy(true);
    try {
      const success = await write();
      if (success) message.success(success);
      after();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
