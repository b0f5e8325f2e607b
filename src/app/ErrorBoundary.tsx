// Catches a page that fails to render and says so in words, with a way back, instead of a blank screen.
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page-error" role="alert">
        <h1>This page ran into a problem</h1>
        <p>{this.state.error.message}</p>
        <p>
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>{' '}
          or <a href="#/">go back to the lessons</a>.
        </p>
      </div>
    );
  }
}
