import { index, type RouteConfig, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('recover', 'routes/recover.tsx'),
] satisfies RouteConfig
