export default {
  vi: {
    scoreboard: {
      title: 'Bảng tổng hợp kết quả giải quyết hồ sơ',
      unit: 'Đơn vị',
      chartTitle: 'Tỷ lệ hồ sơ quá hạn theo đơn vị',
      chartLabel: 'Biểu đồ cột: tỷ lệ hồ sơ quá hạn của từng đơn vị trong {period}',
      targetLine: 'Ngưỡng tương ứng chỉ tiêu đúng hạn {value}',
      table: 'Bảng số liệu của biểu đồ',
      total: 'Tổng cộng',
      empty: 'Không có số liệu của cấp này trong kỳ đã chọn.',
    },
  },
  en: {
    scoreboard: {
      title: 'Dossier handling scoreboard',
      unit: 'Unit',
      chartTitle: 'Overdue rate by unit',
      chartLabel: 'Bar chart: overdue rate of each unit in {period}',
      targetLine: 'Threshold matching the on-time target {value}',
      table: 'Data table of the chart',
      total: 'Total',
      empty: 'No figures for this level in the chosen period.',
    },
  },
};
