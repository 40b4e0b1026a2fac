import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function Loading({ text = 'Đang tải…' }: { text?: string }) {
  return (
    <p class="loading" role="status">
      {text}
    </p>
  );
}

/**
 * A component whose code is downloaded the first time it is shown (organizer pages stay out
 * of the participants' bundle).
 */
export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;

  return function LazyComponent(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component) return;
      let live = true;
      pending ??= load().then((module) => (loaded = module.default));
      pending.then(
        (value) => {
          if (live) setComponent(() => value);
        },
        () => {
          pending = null;
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [component]);

    if (failed) {
      return (
        <div class="container page">
          <h1>Không tải được trang</h1>
          <p role="alert">
            Mạng có thể đang chậm hoặc bị gián đoạn. Vui lòng kiểm tra kết nối rồi thử lại.
          </p>
          <button
            type="button"
            class="button"
            onClick={() => {
              window.location.reload();
            }}
          >
            Tải lại trang
          </button>
        </div>
      );
    }
    const Component = component;
    return Component ? <Component {...props} /> : <Loading />;
  };
}
