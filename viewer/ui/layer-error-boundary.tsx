import { Component, type ReactNode, useEffect } from 'react';
import { setLayerStatus } from '../state/layer-status';

function ReportError({ id, message }: { id: string; message: string }) {
  useEffect(() => setLayerStatus(id, { state: 'error', message }), [id, message]);
  return null;
}

/** Catches a render error in one layer's subtree so that one failing layer never blanks the page. */
export class LayerErrorBoundary extends Component<
  { id: string; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  /** Records the error so the fallback can report it. */
  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) return <ReportError id={this.props.id} message={this.state.error.message} />;
    return this.props.children;
  }
}
