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
};
