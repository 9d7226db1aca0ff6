export default {
  vi: {
    procedures: {
      title: 'Chỉ số 766 theo thủ tục hành chính',
      intro: 'Số liệu cổng DVCQG tính riêng cho từng thủ tục (điểm / điểm tối đa, tỷ lệ %). Ô trống: không có số liệu cho thủ tục này.',
      code: 'Mã thủ tục',
      name: 'Tên thủ tục',
      total: 'Tổng',
      caption: 'Điểm chỉ số 766 của {unit} theo thủ tục, {period}',
      noData: 'không có số liệu',
    },
  },
  en: {
    procedures: {
      title: '766 index by administrative procedure',
      intro: 'The national portal’s figures for each procedure on its own (score / maximum, ratio %). Empty: no figure for this procedure.',
      code: 'Procedure code',
      name: 'Procedure name',
      total: 'Total',
      caption: '766 index scores of {unit} by procedure, {period}',
      noData: 'no data',
    },
  },
};
