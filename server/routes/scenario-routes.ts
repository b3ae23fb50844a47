import { Hono } from 'hono';
import { listScenarios, SCENARIOS } from '../../scenarios';
import { ApiError } from '../errors';

/** `GET /scenarios` (listing) and `GET /scenarios/:id` (the full, validated document, current version). */
export function createScenarioRoutes(): Hono {
  const r = new Hono();
  r.get('/scenarios', (c) => c.json({ scenarios: listScenarios() }));
  r.get('/scenarios/:id', (c) => {
    const s = SCENARIOS.get(c.req.param('id'));
    if (!s) throw new ApiError('not_found', `no scenario ${JSON.stringify(c.req.param('id'))}`, 'id');
    return c.json(s);
  });
  return r;
}
