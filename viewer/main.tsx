import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { RemotePage } from './replay/remote-page';
import { readReplayParams } from './replay/replay-url';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import './styles.css';

const root = document.getElementById('root');
const replay = readReplayParams(window.location.search);
if (root)
  createRoot(root).render(
    <StrictMode>
      {replay.remote ? <RemotePage session={replay.remote} scenarioId={replay.scenario} /> : <App />}
    </StrictMode>,
  );
