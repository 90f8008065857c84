/** 中文 translations, keyed by the English text shown in the templates (a missing key falls back to English). */
export const ZH: Record<string, string> = {
  // Navigation and shell
  Dashboard: '仪表盘', Agents: '代理', 'Capsule services': 'Capsule 服务', Commands: '命令', Audit: '审计', 'Registration tokens': '注册令牌',
  Users: '用户', Settings: '设置', About: '关于', 'My account': '我的账户', 'Sign out': '退出登录', 'Toggle navigation': '切换导航',
  'Dark mode': '深色模式', 'Light mode': '浅色模式', Language: '语言', Live: '实时', 'Not live': '未连接',
  owner: '所有者', operator: '操作员', viewer: '观察者',
  // Login
  'Sign in to Opstage': '登录 Opstage', 'Sign in': '登录', Username: '用户名', Password: '密码', Required: '必填',
  // Common words
  Status: '状态', Code: '代码', Name: '名称', Mode: '模式', Runtime: '运行时', Services: '服务', Service: '服务', Agent: '代理',
  'Last heartbeat': '最近心跳', Registered: '注册时间', Search: '搜索', Any: '任意', Version: '版本', 'Last reported': '最近上报',
  Health: '健康', Enable: '启用', Disable: '禁用', Revoke: '吊销', Delete: '删除', Cancel: '取消', Confirm: '确认', Retry: '重试',
  Run: '运行', Open: '打开', Apply: '应用', Clear: '清除', Save: '保存', Copy: '复制', Copied: '已复制', Created: '创建时间',
  Expires: '过期时间', Started: '开始时间', Finished: '完成时间', Duration: '耗时', Error: '错误', Type: '类型', Action: '操作',
  Actions: '操作', Message: '消息', Result: '结果', Payload: '负载', Key: '键', Label: '标签', Value: '值', Default: '默认值',
  Source: '来源', Description: '描述', Overview: '概览', Configs: '配置', Manifest: '清单', History: '历史', Received: '接收时间',
  Time: '时间', Actor: '操作者', Target: '目标', From: '从', To: '到', Role: '角色', 'Display name': '显示名称', Command: '命令',
  Running: '运行中', 'Nothing here yet.': '暂无内容。', 'Retry of': '重试自', 'Danger level': '危险级别', Token: '令牌', User: '用户',
  // Statuses
  HEALTHY: '健康', UNHEALTHY: '不健康', STALE: '陈旧', OFFLINE: '离线', UNKNOWN: '未知', ONLINE: '在线', PENDING: '等待中',
  DISABLED: '已禁用', REVOKED: '已吊销', UP: '正常', DEGRADED: '降级', DOWN: '宕机', RUNNING: '运行中', SUCCEEDED: '成功',
  FAILED: '失败', CANCELLED: '已取消', EXPIRED: '已过期', ACTIVE: '有效', USED: '已使用', SUCCESS: '成功', FAILURE: '失败',
  LOW: '低', MEDIUM: '中', HIGH: '高', USER: '用户', AGENT: '代理', SYSTEM: '系统', Sensitive: '敏感', Editable: '可编辑',
  // Dashboard
  'Audit events': '审计事件', 'Recent commands': '最近命令', 'Recent audit events': '最近审计事件', 'No commands yet.': '暂无命令。',
  'No audit events yet.': '暂无审计事件。', 'Services needing attention': '需要关注的服务', 'Every service is healthy or unknown.': '所有服务均健康或状态未知。',
  // Agents
  'No agents yet. Create a registration token and start a service with the SDK.': '暂无代理。请创建注册令牌，并用 SDK 启动服务。',
  'This agent reports no services.': '该代理未上报任何服务。',
  'Disable agent': '禁用代理', 'Enable agent': '启用代理', 'Revoke agent': '吊销代理',
  'The agent loses its token for good; it must register again with a new registration token.': '代理的令牌将永久失效，必须使用新的注册令牌重新注册。',
  'The agent is refused until it is enabled again.': '在重新启用之前，该代理的请求将被拒绝。', 'The agent may connect again.': '该代理可以重新连接。',
  // Services
  'No capsule services yet.': '暂无 Capsule 服务。', 'Capsule service': 'Capsule 服务', 'Effective status': '有效状态',
  'Reported status': '上报状态', 'Last health': '最近健康检查', 'Your role can view actions but not run them.': '您的角色可以查看操作，但不能运行。',
  'This service declares no actions.': '该服务未声明任何操作。', 'No health report yet.': '暂无健康报告。', 'No health reports.': '暂无健康报告。',
  'This service reports no configuration.': '该服务未上报任何配置。', 'Copy manifest': '复制清单',
  // Actions
  'Requires confirmation': '需要确认', 'Retry prepare': '重试准备', 'Cancel command': '取消命令', 'Confirm action': '确认操作',
  'This action changes the service. Check the details before running it.': '此操作会修改服务。运行前请核对详情。',
  'Run this action on the selected row?': '对所选行运行此操作？', 'Add item': '添加项', 'Remove item': '删除项',
  'Show raw JSON': '显示原始 JSON', 'Hide raw JSON': '隐藏原始 JSON', 'No rows.': '没有数据。',
  'Copy this key now: it is shown only once.': '请立即复制此密钥：它只显示一次。', 'Copy key': '复制密钥',
  'At least {n} characters': '至少 {n} 个字符', 'At most {n} characters': '最多 {n} 个字符', 'Must be at least {n}': '不能小于 {n}',
  'Must be at most {n}': '不能大于 {n}', 'Does not match the expected format': '格式不正确', 'Must be a whole number': '必须是整数',
  'Not valid JSON': '不是有效的 JSON', 'Add at least {n} items': '至少添加 {n} 项', 'At most {n} items': '最多 {n} 项', 'Invalid value': '无效的值',
  // Commands
  'Show prepare commands too': '同时显示准备命令', 'No result yet.': '暂无结果。', 'Retry command': '重试命令',
  'The command is marked cancelled; a result arriving later is refused.': '命令将被标记为已取消；之后到达的结果会被拒绝。',
  'A new command with the same payload is queued.': '将以相同负载排队一个新命令。',
  // Audit
  'Actor type': '操作者类型', 'Actor ID': '操作者 ID', 'Action (end with . for a prefix)': '操作（以 . 结尾表示前缀）',
  'Target type': '目标类型', 'Target ID': '目标 ID', 'No audit events match.': '没有匹配的审计事件。',
  // Registration tokens
  'Copy the token now: it is shown only once.': '请立即复制令牌：它只显示一次。', 'Start the service with:': '使用以下环境变量启动服务：',
  'I have copied it': '我已复制', 'New registration token': '新建注册令牌', 'Expires in (hours)': '有效期（小时）',
  'The token registers one agent once.': '该令牌只能注册一个代理一次。', 'Between 1 hour and 1 year': '介于 1 小时与 1 年之间',
  'Create token': '创建令牌', 'No registration tokens.': '暂无注册令牌。', 'Copy token': '复制令牌', 'Copy environment': '复制环境变量',
  'Revoke token': '吊销令牌', 'Delete token': '删除令牌', 'The token can no longer register an agent.': '该令牌将无法再注册代理。',
  'The token is removed from the list.': '该令牌将从列表中删除。',
  // Users and account
  'New user': '新建用户', 'Create user': '创建用户', 'Last sign-in': '最近登录', 'Reset password': '重置密码', 'Disable user': '禁用用户',
  'The user is signed out and cannot sign in until enabled.': '该用户将被登出，并在重新启用前无法登录。', 'New password for {user}': '为 {user} 设置新密码',
  'New password': '新密码', 'Current password': '当前密码', 'Change password': '修改密码', 'Password changed.': '密码已修改。',
  // Settings and about
  'Maintenance and retention': '维护与保留', 'Agent offline after (seconds)': '代理离线阈值（秒）', 'Maintenance interval (seconds)': '维护间隔（秒）',
  'Keep audit events (days)': '审计事件保留（天）', 'Keep health reports (days)': '健康报告保留（天）', 'Keep finished commands (days)': '已完成命令保留（天）',
  'Keep backups (count)': '备份保留（个）', 'No heartbeat for this long marks an agent offline.': '超过该时长无心跳即视为代理离线。',
  'How often the sweep runs.': '维护任务的运行频率。', '0 keeps nothing older than now.': '0 表示不保留任何历史。', 'Settings saved.': '设置已保存。',
  'Run maintenance now': '立即运行维护', 'Run now': '立即运行', 'Community edition': '社区版', Edition: '版本类型', Commit: '提交', Built: '构建时间',
  'API documentation': 'API 文档',
  // Filters, service audit and operations
  'All commands of this agent': '该代理的全部命令', 'Open in Commands, with filters': '在命令页中打开（带筛选）',
  'Open in Audit, with filters': '在审计页中打开（带筛选）', Operation: '运行中的任务',
  started: '开始于', IDLE: '空闲',
  // Settings: runtime, metrics, backup
  Platform: '平台', Uptime: '运行时长', Memory: '内存', 'Listening on': '监听地址', Database: '数据库', Backups: '备份',
  'Console files': '控制台文件', Enabled: '已启用', Disabled: '已禁用', Metrics: '指标', 'Prometheus scrapes': 'Prometheus 抓取',
  'text exposition, no sign-in': '文本格式，无需登录', 'Commands dispatched': '已分发命令', 'Commands succeeded': '成功命令',
  'Commands failed': '失败命令', 'Command duration p50 / p95': '命令耗时 p50 / p95', 'Agent polls since start': '启动以来的代理轮询',
  'Online agents with a stale heartbeat': '心跳过期的在线代理', Backup: '备份', 'Download a backup': '下载备份',
  'An online copy of the SQLite database, taken while the server runs, saved on the server and downloaded here.': '在服务运行时在线复制 SQLite 数据库，保存在服务器上并在此下载。',
  'Backup {name} downloaded ({size}).': '备份 {name} 已下载（{size}）。',
  // Capsule Bus
  'Capsule Bus': 'Capsule 总线', Routes: '路由', Events: '事件', 'Dead letters': '死信', Diagnostics: '诊断', Route: '路由', Event: '事件',
  'Experimental (v0.4): routes, event shapes and APIs may change. Start routes in DRY_RUN and check the events before enabling them.':
    '实验性功能（v0.4）：路由、事件结构和 API 可能变化。请先以 DRY_RUN 运行路由，检查事件后再启用。',
  'The Capsule Bus is disabled on this server.': '此服务器未启用 Capsule 总线。',
  'Start Opstage with OPSTAGE_CAPSULE_BUS_ENABLED=true to let services publish events and routes turn them into commands.':
    '以 OPSTAGE_CAPSULE_BUS_ENABLED=true 启动 Opstage，服务即可发布事件，路由会将事件转为命令。',
  'Limits: OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN (events per minute per agent) and OPSTAGE_CAPSULE_BUS_MAX_DEPTH (how deep an event chain may go).':
    '限制：OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN（每个代理每分钟的事件数）和 OPSTAGE_CAPSULE_BUS_MAX_DEPTH（事件链的最大深度）。',
  DRY_RUN: '试运行', ENABLED: '已启用', CREATED: '已创建', REPLAYED: '已重放',
  'Routes turn a published event into at most one command each.': '每条路由最多把一个已发布事件转为一条命令。',
  'New route': '新建路由', 'Edit route': '编辑路由', 'Delete route': '删除路由', 'Create route': '创建路由', Matches: '匹配条件', from: '来自',
  condition: '条件', 'Only when the payload satisfies the condition': '仅当负载满足条件时', Matched: '已匹配', Dispatched: '已派发', 'Dry run': '试运行',
  Failed: '失败', 'Last event': '最近事件', 'No routes yet.': '暂无路由。', 'The route stops matching events. Its past dispatches stay.': '该路由将不再匹配事件，已有的派发记录会保留。',
  'Event type': '事件类型', 'Source service (optional)': '来源服务（可选）', 'Source service': '来源服务', 'Empty: events from any service': '留空：接收任意服务的事件',
  'Target service': '目标服务', 'Target action': '目标操作', 'Actions that need confirmation are never dispatched by the bus.': '需要确认的操作永远不会由总线派发。',
  'Exact, a prefix ending in *, or *': '精确类型、以 * 结尾的前缀或 *', 'An event type, a prefix ending in *, or *': '事件类型、以 * 结尾的前缀或 *',
  'Start with DRY_RUN, check the events, then ENABLED.': '先用 DRY_RUN，检查事件后再设为 ENABLED。', 'Input mapping (JSON)': '输入映射（JSON）',
  'Templates: $event.payload.orderId, $event.sourceServiceCode, $event.correlationId … Empty: the event payload unchanged.':
    '模板：$event.payload.orderId、$event.sourceServiceCode、$event.correlationId …；留空：原样使用事件负载。',
  'Condition: JSON Schema for the payload (optional)': '条件：负载的 JSON Schema（可选）', 'Not a JSON object: {reason}': '不是 JSON 对象：{reason}',
  'Must be a JSON object ({ … })': '必须是 JSON 对象（{ … }）', 'Lower-case letters, digits, - and _': '小写字母、数字、- 和 _',
  'Test routes': '测试路由', Test: '测试', 'Try a sample event against every route. Nothing is stored or dispatched.': '用示例事件测试所有路由，不会存储或派发任何内容。',
  'An event type such as order.created': '事件类型，例如 order.created', 'Payload (JSON)': '负载（JSON）', 'There are no routes to test.': '没有可测试的路由。',
  'Matches: would dispatch': '匹配：将派发', 'Matches: would record a dry run': '匹配：将记录试运行', 'Matches, but would not dispatch': '匹配，但不会派发', 'No match': '不匹配',
  'Correlation ID': '关联 ID', Accepted: '接收时间', Depth: '深度', Dispatches: '派发', Details: '详情', Links: '链接', 'Audit chain': '审计链', 'dry run': '试运行',
  none: '无', 'Show dispatches': '显示派发', 'Hide dispatches': '隐藏派发', 'Show every event of this chain': '显示该链上的所有事件', Occurred: '发生时间',
  'Caused by': '起因事件', 'Publisher event ID': '发布方事件 ID', 'No events yet.': '暂无事件。', 'No route matched this event.': '没有路由匹配该事件。',
  'dry run: nothing dispatched': '试运行：未派发', '{n} attempts': '{n} 次尝试', Replayed: '已重放', 'Payload it would have dispatched': '本应派发的负载',
  'Dispatched payload': '已派发的负载', Replay: '重放', Attempts: '尝试次数', 'Replay failed again': '重放再次失败', 'No dead letters.': '暂无死信。',
  'Matches that could not be dispatched (target missing or unavailable, mapping invalid). A replay uses the route as it is now.':
    '未能派发的匹配（目标缺失或不可用、映射无效）。重放时使用路由的当前配置。',
  'Audit chain of correlation ID': '关联 ID 的审计链', 'Every bus audit event': '全部总线审计事件',
  'Audit events of the bus (actions starting with bus.), newest first.': '总线的审计事件（操作以 bus. 开头），最新的在前。',
  'Events accepted': '已接收事件', 'Rejected: rate limited': '拒绝：超出速率限制', 'Rejected: depth exceeded': '拒绝：超出深度', 'Rejected: payload invalid': '拒绝：负载无效',
  'Ingest limit (events per minute per agent)': '接收上限（每个代理每分钟事件数）', 'Maximum depth': '最大深度', 'Recent rejections': '最近的拒绝',
  'Rejection counts are kept in memory since the server started.': '拒绝计数保存在内存中，从服务器启动时开始统计。', 'No rejected events.': '暂无被拒绝的事件。',
  'Copy event ID': '复制事件 ID',
};
