// localStorage that never crashes the app: full, blocked or corrupt storage turns into a note
// the page shows ("progress can't be saved"), and the app carries on in memory.
import type { StateStorage } from 'zustand/middleware';

export type StorageProblem = (message: string) => void;

export function safeStorage(report: StorageProblem): StateStorage {
  const memory = new Map<string, string>();
  const store = (): Storage | null => {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  };
  return {
    getItem(name) {
      try {
        const raw = store()?.getItem(name) ?? memory.get(name) ?? null;
        if (raw !== null) JSON.parse(raw); // corrupt JSON is caught here, not inside the store
        return raw;
      } catch {
        report('Your saved progress was unreadable (corrupt storage), so ConvLab started afresh.');
        try {
          store()?.removeItem(name);
        } catch {
          /* nothing more to do */
        }
        return null;
      }
    },
    setItem(name, value) {
      memory.set(name, value);
      try {
        store()?.setItem(name, value);
      } catch {
        report('Progress can’t be saved: this browser’s storage is full or blocked. It is kept until you close the tab.');
      }
    },
    removeItem(name) {
      memory.delete(name);
      try {
        store()?.removeItem(name);
      } catch {
        /* ignore */
      }
    },
  };
}
