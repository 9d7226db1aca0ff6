export default {
  vi: {
    narrative: {
      brief: {
        metric: 'Chỉ số',
        value: 'Giá trị',
        target: 'Chỉ tiêu',
        status: 'Đánh giá',
        change: 'So với kỳ trước',
        gap: 'Khoảng cách (hồ sơ)',
        fields: 'Hồ sơ quá hạn theo lĩnh vực',
        summary: 'Tóm tắt',
        none: '–',
      },
    },
  },
  en: {
    narrative: {
      brief: {
        metric: 'Metric',
        value: 'Value',
        target: 'Target',
        status: 'Status',
        change: 'On the previous period',
        gap: 'Gap (dossiers)',
        fields: 'Overdue dossiers by field',
        summary: 'Summary',
        none: '–',
      },
    },
  },
};
